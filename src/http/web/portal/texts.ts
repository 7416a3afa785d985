import type { FieldIssue } from '../../../domain/shared/domain-error.js';
import type { Locale, LocalizedText } from '../../../domain/shared/locale.js';
import { fieldIssueMessage } from '../../error-table.js';

/** Texts of the portal's public and application pages (issue 8). */
export const portalText = {
  homeTitle: {
    kk: 'Мемлекеттік қызметтер — регламентке сәйкес',
    ru: 'Государственные услуги — строго по регламенту',
    en: 'Public services — exactly as regulated',
  },
  homeIntro: {
    kk: 'Qyzmet мемлекеттік қызметтерді олардың регламенттерінде жазылғандай көрсетеді: әр қадам, әр мерзім, әр құжат. Қызметті табыңыз, өтініш беріңіз және оның күйін қадағалаңыз.',
    ru: 'Qyzmet оказывает государственные услуги так, как предписывают их регламенты: каждый шаг, каждый срок, каждый документ. Найдите услугу, подайте заявление и следите за его статусом.',
    en: 'Qyzmet runs public services exactly as their regulations prescribe: every step, every term, every document. Find a service, apply and follow its status.',
  },
  findService: { kk: 'Қызметті табу', ru: 'Найти услугу', en: 'Find a service' },
  searchLabel: {
    kk: 'Қызметтің атауы немесе коды',
    ru: 'Название или код услуги',
    en: 'Service name or code',
  },
  allServices: { kk: 'Барлық қызметтер', ru: 'Все услуги', en: 'All services' },
  checkStatus: {
    kk: 'Өтініштің күйін тексеру',
    ru: 'Проверить статус заявления',
    en: 'Check an application’s status',
  },
  homeVisit: {
    kk: 'Құжаттарды үйден алуға өтінім',
    ru: 'Заявка на приём документов на дому',
    en: 'Request documents to be collected at home',
  },
  homeVisitHint: {
    kk: 'Өз бетінше келе алмайтын өтініш берушілер үшін (байланыс орталығы арқылы).',
    ru: 'Для заявителей, которые не могут прийти сами (через контакт-центр).',
    en: 'For applicants who cannot come in person (through the contact centre).',
  },
  account: { kk: 'Жеке кабинет', ru: 'Личный кабинет', en: 'Personal cabinet' },
  register: { kk: 'Тіркелу', ru: 'Регистрация', en: 'Register' },
  services: { kk: 'Қызметтер', ru: 'Услуги', en: 'Services' },
  status: { kk: 'Өтініш күйі', ru: 'Статус заявления', en: 'Application status' },
  // Catalogue
  catalogueTitle: {
    kk: 'Мемлекеттік қызметтер каталогы',
    ru: 'Каталог государственных услуг',
    en: 'Catalogue of public services',
  },
  region: { kk: 'Өңір', ru: 'Регион', en: 'Region' },
  regionHint: {
    kk: 'Қызмет осы өңірде бүгін қолданылатын регламент бойынша көрсетіледі.',
    ru: 'Услуга оказывается по регламенту, действующему в этом регионе сегодня.',
    en: 'The service follows the regulation in force in this region today.',
  },
  show: { kk: 'Көрсету', ru: 'Показать', en: 'Show' },
  noServices: {
    kk: 'Сұрауға сәйкес қызмет табылмады.',
    ru: 'По запросу услуг не найдено.',
    en: 'No service matches the search.',
  },
  inForceOn: { kk: 'Күні қолданыста', ru: 'Действует на дату', en: 'In force on' },
  provider: { kk: 'Көрсетілетін қызметті беруші', ru: 'Услугодатель', en: 'Provider' },
  channels: { kk: 'Өтініш беру тәсілдері', ru: 'Способы подачи', en: 'Channels' },
  term: { kk: 'Көрсету мерзімі', ru: 'Срок оказания', en: 'Term' },
  fee: { kk: 'Төлем', ru: 'Стоимость', en: 'Fee' },
  documents: { kk: 'Қажетті құжаттар', ru: 'Необходимые документы', en: 'Required documents' },
  result: { kk: 'Нәтижесі', ru: 'Результат', en: 'Result' },
  regulation: { kk: 'Регламент', ru: 'Регламент', en: 'Regulation' },
  apply: { kk: 'Өтініш беру', ru: 'Подать заявление', en: 'Apply' },
  notOnPortal: {
    kk: 'Бұл қызметке порталда өтініш берілмейді: Мемлекеттік корпорацияға немесе қызмет берушіге барыңыз.',
    ru: 'Эта услуга не подаётся через портал: обратитесь в Государственную корпорацию или к услугодателю.',
    en: 'This service is not applied for on the portal: go to a front office or the provider.',
  },
  unknownRegion: {
    kk: 'Мұндай өңір жоқ. Тізімнен өңірді таңдаңыз.',
    ru: 'Такого региона нет. Выберите регион из списка.',
    en: 'There is no such region. Choose a region from the list.',
  },
  notInRegion: {
    kk: 'Бұл қызмет таңдалған өңірде бүгін көрсетілмейді.',
    ru: 'Эта услуга в выбранном регионе сегодня не оказывается.',
    en: 'This service is not provided in the chosen region today.',
  },
  free: { kk: 'Тегін', ru: 'Бесплатно', en: 'Free' },
  notStated: {
    kk: 'Регламентте көрсетілмеген',
    ru: 'В регламенте не указано',
    en: 'Not stated in the regulation',
  },
  tenge: { kk: 'теңге', ru: 'тенге', en: 'tenge' },
  onlyOnChannels: { kk: 'тек', ru: 'только', en: 'only' },
  whenCondition: { kk: 'егер', ru: 'если', en: 'if' },
  oneOfGroup: { kk: 'біреуі', ru: 'одно из', en: 'one of' },
  // Sign-in and registration
  loginTitle: { kk: 'Порталға кіру', ru: 'Вход на портал', en: 'Sign in to the portal' },
  loginIntro: {
    kk: 'ЖСН мен құпиясөзді енгізіңіз. Тіркелген телефонға бір реттік пароль жіберіледі.',
    ru: 'Введите ИИН и пароль. На зарегистрированный телефон придёт одноразовый пароль.',
    en: 'Enter your IIN and password. A one-time password will be sent to your registered phone.',
  },
  noAccount: {
    kk: 'Тіркелгіңіз жоқ па?',
    ru: 'Нет учётной записи?',
    en: 'No account yet?',
  },
  haveAccount: {
    kk: 'Тіркелгіңіз бар ма?',
    ru: 'Уже зарегистрированы?',
    en: 'Already registered?',
  },
  registerTitle: { kk: 'Порталда тіркелу', ru: 'Регистрация на портале', en: 'Register' },
  registerIntro: {
    kk: 'Бір реттік парольдер келетін ұялы телефон нөмірін көрсетіңіз.',
    ru: 'Укажите номер мобильного телефона, на который будут приходить одноразовые пароли.',
    en: 'Give the mobile number where one-time passwords will be sent.',
  },
  phone: { kk: 'Ұялы телефон', ru: 'Мобильный телефон', en: 'Mobile phone' },
  phoneHint: {
    kk: 'Мысалы: +7 701 123 45 67',
    ru: 'Например: +7 701 123 45 67',
    en: 'E.g. +7 701 123 45 67',
  },
  passwordHint: {
    kk: 'Кемінде 8 таңба: әріптер мен цифрлар.',
    ru: 'Не менее 8 символов: буквы и цифры.',
    en: 'At least 8 characters: letters and digits.',
  },
  passwordRepeat: {
    kk: 'Құпиясөзді қайталаңыз',
    ru: 'Повторите пароль',
    en: 'Repeat the password',
  },
  passwordsDiffer: {
    kk: 'Құпиясөздер сәйкес келмейді',
    ru: 'Пароли не совпадают',
    en: 'The passwords do not match',
  },
  registered: {
    kk: 'Тіркелу аяқталды. Енді кіріңіз.',
    ru: 'Регистрация завершена. Теперь войдите.',
    en: 'You are registered. Now sign in.',
  },
  alreadyRegistered: {
    kk: 'Бұл ЖСН порталда тіркелген. Кіріңіз немесе құпиясөзді қалпына келтіріңіз.',
    ru: 'Этот ИИН уже зарегистрирован. Войдите или восстановите пароль.',
    en: 'This IIN is already registered. Sign in or reset the password.',
  },
  wrongCredentials: {
    kk: 'ЖСН немесе құпиясөз қате.',
    ru: 'Неверный ИИН или пароль.',
    en: 'The IIN or password is wrong.',
  },
  locked: {
    kk: 'Құпиясөз бірнеше рет қате енгізілді, сондықтан кіру уақытша кідіртілді. {minutes} минуттан кейін қайталаңыз немесе құпиясөзді SMS-код арқылы қалпына келтіріңіз.',
    ru: 'Пароль несколько раз введён неверно, поэтому вход временно приостановлен. Повторите через {minutes} мин. или восстановите пароль по коду из SMS.',
    en: 'The password was wrong several times, so signing in is paused. Try again in {minutes} min or reset the password with a code by SMS.',
  },
  otpTitle: { kk: 'Бір реттік пароль', ru: 'Одноразовый пароль', en: 'One-time password' },
  otpSent: {
    kk: '{phone} нөміріне SMS арқылы 6 цифрлы код жіберілді.',
    ru: 'На номер {phone} отправлен 6-значный код в SMS.',
    en: 'A 6-digit code was sent by SMS to {phone}.',
  },
  code: { kk: 'SMS-тегі код', ru: 'Код из SMS', en: 'Code from the SMS' },
  codeRequired: {
    kk: 'SMS-тегі 6 цифрды енгізіңіз',
    ru: 'Введите 6 цифр из SMS',
    en: 'Enter the 6 digits from the SMS',
  },
  confirm: { kk: 'Растау', ru: 'Подтвердить', en: 'Confirm' },
  codeSendLimit: {
    kk: 'Осы телефонға кодтар тым көп жіберілді. Жаңа кодты {minutes} минуттан кейін сұрауға болады.',
    ru: 'На этот телефон отправлено слишком много кодов. Новый код можно получить через {minutes} мин.',
    en: 'Too many codes were sent to this phone. You can get a new code in {minutes} min.',
  },
  codeGuessLimit: {
    kk: 'Осы телефон үшін қате кодтар тым көп енгізілді. Жаңа кодты {minutes} минуттан кейін сұрауға болады.',
    ru: 'Для этого телефона введено слишком много неверных кодов. Новый код можно получить через {minutes} мин.',
    en: 'Too many wrong codes were typed for this phone. You can get a new code in {minutes} min.',
  },
  resendCode: { kk: 'Жаңа код жіберу', ru: 'Отправить новый код', en: 'Send a new code' },
  codeResent: {
    kk: 'Жаңа код жіберілді. Алдыңғы код енді жарамсыз.',
    ru: 'Новый код отправлен. Прежний код больше не действует.',
    en: 'A new code was sent. The previous code no longer works.',
  },
  otpExpiredStart: {
    kk: 'Кодтың мерзімі өтті. Қайта кіріңіз.',
    ru: 'Срок кода истёк. Войдите заново.',
    en: 'The code has expired. Sign in again.',
  },
  tooManyRequests: {
    kk: 'Сұраулар тым көп. {seconds} секундтан кейін қайталаңыз.',
    ru: 'Слишком много попыток. Повторите через {seconds} с.',
    en: 'Too many attempts. Try again in {seconds} s.',
  },
  staffSignIn: { kk: 'Қызметкерлер үшін кіру', ru: 'Вход для сотрудников', en: 'Staff sign-in' },
  // Status
  statusTitle: {
    kk: 'Өтініштің күйі нөмірі бойынша',
    ru: 'Статус заявления по номеру',
    en: 'Application status by number',
  },
  statusIntro: {
    kk: 'Өтініш нөмірін (мысалы, 2026-0000123) және қолхаттағы мәртебе кодын немесе өтініш берушінің ЖСН-ін енгізіңіз. Жеке деректер көрсетілмейді.',
    ru: 'Введите номер заявления (например, 2026-0000123) и код статуса с расписки или ИИН заявителя. Персональные данные не показываются.',
    en: 'Enter the application number (e.g. 2026-0000123) and the status code from the receipt, or the applicant’s IIN. No personal data is shown.',
  },
  checkCode: {
    kk: 'Қолхаттағы мәртебе коды немесе өтініш берушінің ЖСН',
    ru: 'Код статуса с расписки или ИИН заявителя',
    en: 'Status code from the receipt, or the applicant’s IIN',
  },
  checkCodeHint: {
    kk: 'Қолхатта және портал растауында басылған код (XXXX-XXXX) немесе 12 цифрлы ЖСН',
    ru: 'Код с расписки или подтверждения портала (XXXX-XXXX) либо ИИН из 12 цифр',
    en: 'The code on the receipt or the portal’s confirmation (XXXX-XXXX), or the 12-digit IIN',
  },
  checkCodeRequired: {
    kk: 'Мәртебе кодын немесе ЖСН енгізіңіз.',
    ru: 'Введите код статуса или ИИН.',
    en: 'Enter the status code or the IIN.',
  },
  number: { kk: 'Өтініш нөмірі', ru: 'Номер заявления', en: 'Application number' },
  numberFormat: {
    kk: 'Нөмір форматы: ЖЖЖЖ-0000000',
    ru: 'Формат номера: ГГГГ-0000000',
    en: 'Number format: YYYY-0000000',
  },
  notFoundNumber: {
    kk: 'Мұндай нөмірмен өтініш табылмады. Нөмір мен мәртебе кодын қолхаттан тексеріңіз.',
    ru: 'Заявление с таким номером не найдено. Сверьте номер и код статуса с распиской.',
    en: 'No application has this number. Check the number and the status code on the receipt.',
  },
  service: { kk: 'Қызмет', ru: 'Услуга', en: 'Service' },
  submittedOn: { kk: 'Берілген күні', ru: 'Дата подачи', en: 'Submitted on' },
  dueAt: { kk: 'Нәтиже мерзімі', ru: 'Срок результата', en: 'Due' },
  currentStep: { kk: 'Ағымдағы қадам', ru: 'Текущий шаг', en: 'Current step' },
  stepOf: {
    kk: '{position}/{count} қадам',
    ru: 'шаг {position} из {count}',
    en: 'step {position} of {count}',
  },
  check: { kk: 'Тексеру', ru: 'Проверить', en: 'Check' },
} satisfies Record<string, LocalizedText>;

/** Replaces `{name}` placeholders. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

const issueMessages: Record<string, LocalizedText> = {
  required: { kk: 'Толтыру міндетті', ru: 'Обязательно для заполнения', en: 'Required' },
  length_exact: {
    kk: 'Дәл {length} таңба болуы керек',
    ru: 'Должно быть ровно {length} символов',
    en: 'Must be exactly {length} characters',
  },
  length_max: {
    kk: '{max} таңбадан аспауы керек',
    ru: 'Не более {max} символов',
    en: 'At most {max} characters',
  },
  numeric: { kk: 'Тек цифрлар', ru: 'Только цифры', en: 'Digits only' },
  date: {
    kk: 'Күнді ЖЖЖЖ-АА-КК түрінде енгізіңіз',
    ru: 'Введите дату в виде ГГГГ-ММ-ДД',
    en: 'Enter the date as YYYY-MM-DD',
  },
  choice: {
    kk: 'Нұсқалардың бірін таңдаңыз',
    ru: 'Выберите один из вариантов',
    en: 'Choose one of the options',
  },
  check_digits: {
    kk: 'Нөмір қате (бақылау цифры сәйкес келмейді)',
    ru: 'Номер неверный (не сходится контрольная цифра)',
    en: 'The number is wrong (check digit)',
  },
  own_iin: {
    kk: 'Порталда өтінішті тек өз ЖСН-іңізбен бере аласыз',
    ru: 'На портале заявление подаётся только со своим ИИН',
    en: 'On the portal you apply with your own IIN',
  },
  outside_service_window: {
    kk: 'Өтініштер бүгін қабылданбайды (қабылдау кезеңінен тыс)',
    ru: 'Сегодня заявления не принимаются (вне периода приёма)',
    en: 'Applications are not accepted today (outside the intake period)',
  },
  unknown_organisation: {
    kk: 'Тізімнен таңдаңыз',
    ru: 'Выберите из списка',
    en: 'Choose from the list',
  },
  kz_mobile_phone: {
    kk: 'Қазақстандық ұялы нөмірді енгізіңіз, мысалы +7 701 123 45 67',
    ru: 'Введите казахстанский мобильный номер, например +7 701 123 45 67',
    en: 'Enter a Kazakh mobile number, e.g. +7 701 123 45 67',
  },
  file_empty: { kk: 'Файл бос', ru: 'Файл пустой', en: 'The file is empty' },
  file_type: {
    kk: 'Тек PDF, JPEG немесе PNG файлдары қабылданады',
    ru: 'Принимаются только файлы PDF, JPEG или PNG',
    en: 'Only PDF, JPEG or PNG files are accepted',
  },
  file_too_large: {
    kk: 'Файл 10 МБ-тан аспауы керек',
    ru: 'Файл должен быть не больше 10 МБ',
    en: 'The file must be at most 10 MB',
  },
  files_total_too_large: {
    kk: 'Барлық файлдардың жалпы көлемі 24 МБ-тан аспауы керек',
    ru: 'Общий размер файлов не должен превышать 24 МБ',
    en: 'All files together must be at most 24 MB',
  },
  too_many_files: {
    kk: 'Файлдар тым көп',
    ru: 'Слишком много файлов',
    en: 'Too many files',
  },
  too_large: {
    kk: 'Сұрау тым үлкен (25 МБ-тан аспауы керек)',
    ru: 'Запрос слишком большой (не более 25 МБ)',
    en: 'The request is too large (at most 25 MB)',
  },
  file_missing: { kk: 'Файлды таңдаңыз', ru: 'Выберите файл', en: 'Choose a file' },
};

/**
 * The message for a field issue of the engine (or of the portal's own checks), with its
 * parameters filled in; an issue already carrying a localised message keeps it.
 */
export function issueMessage(issue: FieldIssue & { message?: unknown }, locale: Locale): string {
  const own = issue.message as Partial<LocalizedText> | undefined;
  if (own && typeof own === 'object' && typeof own[locale] === 'string') return own[locale];
  const shared = issueMessages[issue.rule] ? undefined : fieldIssueMessage(issue, locale);
  if (shared !== undefined) return shared;
  const text = issueMessages[issue.rule] ?? issueMessages.required!;
  return fill(text[locale], issue.params ?? {});
}
