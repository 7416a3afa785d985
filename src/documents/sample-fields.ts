import type { FieldValue } from './document-content.js';
import type { DocumentTemplate } from './templates.js';

/**
 * Plausible field values for a template (synthetic people), used by the demo data, the
 * benchmark and the tests to render every document kind.
 */
export function sampleFields(template: DocumentTemplate): Record<string, FieldValue> {
  const fields: Record<string, FieldValue> = {};
  for (const field of template.fields) {
    switch (field.type) {
      case 'text':
        fields[field.key] = samples[field.key] ?? 'Үлгі мәтін / Образец текста';
        break;
      case 'list':
        fields[field.key] = lists[field.key] ?? ['Жеке куәлік / Удостоверение личности'];
        break;
      case 'table':
        fields[field.key] = [
          ['000123', 'Экстернат', 'Сейітқали Ә. Н.', '4'],
          ['000124', 'Дубликат аттестата', 'Иванов П. С.', '3'],
        ];
        break;
    }
  }
  return fields;
}

const samples: Record<string, string> = {
  requestNumber: '000123',
  requestDate: '02.03.2026',
  service:
    'Негізгі орта, жалпы орта білім беру ұйымдарында экстернат нысанында оқуға рұқсат беру / Выдача разрешения на обучение в форме экстерната',
  applicantName: 'Сейітқали Әлия Нұрланқызы',
  applicantPhone: '+7 701 123 45 67',
  representativeName: 'Иванов Пётр Сергеевич',
  representativePhone: '+7 702 765 43 21',
  operatorName: 'Ким Светлана Викторовна',
  resultIssueDateTime: '20.03.2026 10:00',
  resultIssuePlace: 'Ақтөбе қ., ХҚКО №1 / г. Актобе, ЦОН №1',
  childName: 'Сейітқали Нұрсұлтан Ерланұлы',
  childBirthDate: '14.05.2021',
  studentName: 'Сейітқали Нұрсұлтан Ерланұлы',
  holderName: 'Иванов Пётр Сергеевич',
  orderNumber: '45-ө',
  orderDate: '16.03.2026',
  school: '№12 жалпы білім беретін мектеп / Общеобразовательная школа №12',
  grade: '9',
  iin: '900101300123',
  registeredOn: '02.03.2026',
  queuePosition: '118',
  validUntil: '01.09.2026',
  graduationYear: '2008',
  duplicateNumber: 'ЖОБ 0012345',
  // The ids of the regulations' result fields (regulations/*/*.yaml, `results[].fields`).
  'order-number': '45-ө, 16.03.2026',
  'student-name': 'Сейітқали Нұрсұлтан Ерланұлы',
  'child-name': 'Сейітқали Нұрсұлтан Ерланұлы',
  'holder-name': 'Иванов Пётр Сергеевич',
  'document-type': 'Жалпы орта білім туралы аттестат / Аттестат об общем среднем образовании',
  'graduation-year': '2008',
  'citizen-name': 'Сейітқали Әлия Нұрланқызы',
  'registration-date': '02.03.2026',
  'referral-date': '20.08.2026',
  'decision-date': '16.03.2026',
  'queue-number': '118',
  'certificate-type': 'Еңбек өтілі туралы / О трудовом стаже',
  'archive-data': '1998–2003 жж. жұмыс істегені расталады / Подтверждается работа в 1998–2003 гг.',
  'archive-reference': 'Қор 12, тізімдеме 3, іс 45, п. 7 / Фонд 12, опись 3, дело 45, л. 7',
  kindergarten: '№5 «Балапан» балабақшасы / Детский сад №5 «Балапан»',
};

const lists: Record<string, string[]> = {
  attachedDocuments: [
    'Өтініш / Заявление',
    'Туу туралы куәлік / Свидетельство о рождении',
    'Денсаулық туралы анықтама / Справка о состоянии здоровья',
  ],
  grounds: ['Құжаттар топтамасы толық емес / Неполный пакет документов'],
};
