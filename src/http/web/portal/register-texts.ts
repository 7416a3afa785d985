import type { LocalizedText } from '../../../domain/shared/locale.js';

/** The texts of the portal's registration pages (proof of the IIN, issue 16). */
export const registerText = {
  intro: {
    kk: 'ЖСН-ді енгізіңіз. Код мобильді азаматтар базасында осы ЖСН-ге тіркелген телефонға жіберіледі.',
    ru: 'Введите ИИН. Код придёт на телефон, закреплённый за этим ИИН в базе мобильных граждан.',
    en: 'Enter your IIN. The code goes to the phone bound to this IIN in the mobile-citizens registry.',
  },
  sendCode: { kk: 'Код алу', ru: 'Получить код', en: 'Get the code' },
  withSignature: {
    kk: 'Телефон тіркелмеген бе? ЭЦҚ арқылы тіркеліңіз',
    ru: 'Телефон не закреплён? Зарегистрируйтесь с ЭЦП',
    en: 'No phone bound? Register with a digital signature (ЭЦП)',
  },
  codeTitle: {
    kk: 'Кодты енгізіп, құпиясөз ойлап табыңыз',
    ru: 'Введите код и придумайте пароль',
    en: 'Enter the code and choose a password',
  },
  signatureTitle: {
    kk: 'ЭЦҚ арқылы тіркелу',
    ru: 'Регистрация с ЭЦП',
    en: 'Register with a digital signature',
  },
  signatureIntro: {
    kk: 'ЖСН-ді енгізіңіз. Содан кейін NCALayer арқылы аутентификация кілтімен (AUTH) тіркеу мәтініне қол қоясыз: сертификаттағы ЖСН сіздікі болуы тиіс.',
    ru: 'Введите ИИН. Затем вы подпишете текст регистрации ключом аутентификации (AUTH) через NCALayer: ИИН в сертификате должен совпасть.',
    en: 'Enter your IIN. Then you sign the registration text with your authentication key (AUTH) through NCALayer: the IIN in the certificate must match.',
  },
  next: { kk: 'Әрі қарай', ru: 'Далее', en: 'Next' },
  signAndRegister: {
    kk: 'ЭЦҚ-мен қол қойып, тіркелу',
    ru: 'Подписать ЭЦП и зарегистрироваться',
    en: 'Sign and register',
  },
  signPhoneHint: {
    kk: 'Кіру кодтары осы нөмірге келеді.',
    ru: 'На этот номер будут приходить коды входа.',
    en: 'Sign-in codes will be sent to this number.',
  },
  signFailed: {
    kk: 'NCALayer арқылы қол қою мүмкін болмады',
    ru: 'Не удалось подписать через NCALayer',
    en: 'Could not sign with NCALayer',
  },
  signWorking: {
    kk: 'NCALayer-де қол қойыңыз…',
    ru: 'Подпишите в NCALayer…',
    en: 'Sign in NCALayer…',
  },
  signatureRequired: {
    kk: 'NCALayer арқылы қол қойыңыз',
    ru: 'Подпишите через NCALayer',
    en: 'Sign with NCALayer',
  },
  challenge: { kk: 'Қол қойылатын мәтін', ru: 'Подписываемый текст', en: 'Text to sign' },
} satisfies Record<string, LocalizedText>;
