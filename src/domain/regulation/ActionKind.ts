import { z } from 'zod';

/**
 * The closed set of things a step can do. The application engine implements each kind once;
 * a regulation only chooses among them. Comments give the wording of the sources.
 */
export const ActionKind = z
  .enum([
    /** подача заявления и документов / запроса — the applicant hands in or fills in the application */
    'submit',
    /** авторизация (ИИН и пароль, ЭЦП) на портале или в АРМ — login; decides credentials_valid */
    'authenticate',
    /** ввод данных услугополучателя или данных доверенности представителя */
    'identify_applicant',
    /** запрос через ШЭП в ГБД ФЛ / ЕНИС; decides person_data_found */
    'registry_lookup',
    /** проверка полноты пакета документов и срока их действия; decides documents_complete */
    'intake_check',
    /** выдача расписки о приеме документов */
    'issue_receipt',
    /** выдача расписки об отказе в приеме документов */
    'issue_refusal_receipt',
    /** формирование сообщения об отказе (в авторизации, в связи с неподтверждением ЭЦП, отсутствием данных) */
    'issue_refusal_message',
    /** согласие на использование сведений, составляющих охраняемую законом тайну; согласие владельца цифрового документа */
    'obtain_consent',
    /** удостоверение запроса ЭЦП или одноразовым паролем */
    'sign_request',
    /** проверка срока действия регистрационного свидетельства ЭЦП, отзыва и совпадения ИИН; decides signature_valid */
    'verify_signature',
    /** направление запроса через ШЭП/РШЭП, присвоение номера, маршрутизация статуса */
    'route_request',
    /** накопительный сектор составляет реестр (тізілімдеме) пакетов */
    'compile_register',
    /** доставка пакета курьером Государственной корпорации */
    'courier_transfer',
    /** прием и регистрация документов канцелярией */
    'register',
    /** руководитель определяет ответственного исполнителя, налагает резолюцию (визу) */
    'assign_executor',
    /** исполнитель изучает пакет документов; may decide documents_compliant / data_reliable */
    'review',
    /** подготовка проекта результата */
    'draft_result',
    /** подготовка мотивированного ответа об отказе */
    'draft_refusal',
    /** решение (заключение) комиссии */
    'commission_decision',
    /** руководитель (уполномоченное лицо) подписывает результат, в т.ч. ЭЦП */
    'sign_result',
    /** выдача результата услугополучателю (нарочно, в личный кабинет, на электронную почту) */
    'issue_result',
    /** направление результата в Государственную корпорацию */
    'deliver_to_front_office',
    /** хранение невостребованного результата (1 месяц) и передача услугодателю */
    'store_result',
    /** постановка на очередь (регистрационный талон) */
    'enqueue',
    /** ожидание места в ДДО; decides place_available */
    'await_vacancy',
    /** уведомление о наличии места в ДДО */
    'offer_place',
    /** ожидание ответа услугополучателя (письменное согласие или отказ); decides place_accepted */
    'await_applicant_answer',
    /** уведомление о статусе, о сроке, о продлении срока */
    'notify',
  ])
  .describe('What the step does; a closed list the engine implements');
export type ActionKind = z.infer<typeof ActionKind>;
export const actionKinds = ActionKind.options;
