invite_welcome = Вас пригласила клиника <b>{ $clinic }</b>. Если вы дадите согласие ниже, клиника { $clinic } будет видеть ваш план и сможет присылать вам изменения в расписании.
invite_invalid = Эта ссылка-приглашение больше недействительна: попросите в клинике новую. Пользоваться ботом самостоятельно можно и без неё.
invite_confirm = Вас пригласила клиника <b>{ $clinic }</b>. Если вы подключитесь, клиника { $clinic } будет видеть ваш план и сможет присылать вам изменения в расписании. Подключиться?
btn_join_yes = Подключиться
btn_join_no = Не сейчас
join_declined = Ничего не изменилось: по этой ссылке ни одна клиника не видит ваш план.
joined_clinic = Теперь вы подключены к клинике <b>{ $clinic }</b>. Клиника видит ваш план и может присылать вам изменения в расписании.
# Персонал клиники
staff_help =
    <b>Команды для персонала клиники { $clinic }</b>
    { $commands }
    /closed ДАТА - ДАТА переносит сеансы закрытого дня на выбранный вами день.
today_header = <b>{ $day }</b>, { $clinic }: { $count }
week_header = <b>Ближайшие семь дней</b>, { $clinic } ({ $first } – { $last }): { $count }
no_sessions = Сеансов нет.
session_line = { $time }  { $name }: сеанс { $number } из { $total }, { $state }
session_confirmed = подтверждён ✅
session_planned = ещё не подтверждён
session_done = проведён
sessions_count =
    { $count ->
        [one] { $count } сеанс
        [few] { $count } сеанса
       *[many] { $count } сеансов
    }
patients_count =
    { $count ->
        [one] { $count } пациент
        [few] { $count } пациента
       *[many] { $count } пациентов
    }
closed_usage = Укажите день, когда клиника закрыта, например <code>/closed 14 дек</code>, а при желании и день, на который перенести его сеансы: <code>/closed 14 дек - 16 дек</code>.
closed_unreadable = Не удалось распознать дату «{ $text }». Попробуйте, например, <code>/closed 14 дек</code> или <code>/closed 2026-12-14</code>.
closed_past = Дата { $day } уже прошла: закрыть можно только сегодняшний или более поздний день.
closed_target_before = Новый день должен быть позже, чем { $day }.
closed_already = На { $day } клиника уже отмечена как закрытая (сеансы этого дня перенесены на { $moved }).
closed_nothing = На { $day } у пациентов клиники { $clinic } нет сеансов в клинике: переносить нечего.
closed_preview =
    <b>Закрытие клиники: { $day }</b>
    Будут перенесены на <b>{ $target }</b> на то же время: { $sessions } ({ $patients }). Последующие сеансы этих пациентов сохранят прежние интервалы.
    Каждый пациент получит новое время и кнопки, чтобы принять его или попросить другое.

    { $lines }
btn_closed_confirm = Закрыть день и перенести сеансы
btn_cancel = Отмена
closed_cancelled = Ничего не изменено.
closing = Закрываю день { $day }…
closed_done = День { $day } закрыт. Перенесено на { $target }: { $sessions } ({ $patients }). Отправляю уведомления.
closure_notice =
    <b>Клиника { $clinic } будет закрыта { $day }.</b>
    Ваш сеанс { $number } из { $total } перенесён на <b>{ $when }</b>. Последующие сеансы сохранят прежние интервалы.
    Вам подходит новое время?
btn_accept_time = Да, подходит
btn_other_time = Попросить другое время
closure_accepted = Спасибо! Ждём вас { $when }.
broadcast_ask_text = Каким будет текст сообщения? Отправьте его следующим сообщением (или /cancel). Пациенты увидят его как сообщение от клиники { $clinic }.
broadcast_empty = Сообщение пустое: отправьте текст, который должны получить пациенты.
broadcast_too_long =
    В сообщении { $length ->
        [one] { $length } символ
        [few] { $length } символа
       *[many] { $length } символов
    }, а допустимо не больше { $limit }. Пожалуйста, сократите его и отправьте снова.
broadcast_ask_audience = Кому отправить сообщение?
btn_audience_all = Всем активным пациентам
btn_audience_day = Пациентам с сеансом в определённый день
btn_audience_range = Пациентам с сеансом в диапазоне дат
broadcast_ask_day = Какой день? Например, <code>14 дек</code>.
broadcast_ask_range = Какие даты? Например, <code>14 дек - 20 дек</code>.
broadcast_bad_day = Не удалось распознать «{ $text }» как день. Попробуйте, например, <code>14 дек</code>.
broadcast_bad_range = Не удалось распознать в «{ $text }» две даты, из которых вторая не раньше первой. Попробуйте, например, <code>14 дек - 20 дек</code>.
audience_all = все активные пациенты
audience_day = пациенты, у которых есть сеанс { $day }
audience_range = пациенты, у которых есть сеанс в период с { $first } по { $last }
broadcast_preview =
    <b>Предпросмотр</b> (получатели: { $audience }; всего: <b>{ $count }</b>)

    { $text }
broadcast_nobody = Подходящих пациентов нет ({ $audience }). Выберите других получателей или отправьте /cancel.
btn_broadcast_send =
    { $count ->
        [one] Отправить { $count } пациенту
        [few] Отправить { $count } пациентам
       *[many] Отправить { $count } пациентам
    }
btn_broadcast_audience = Изменить получателей
broadcast_cancelled = Рассылка отменена, ничего не отправлено.
nothing_to_cancel_staff = Отменять нечего.
broadcast_message =
    <b>Сообщение от клиники { $clinic }</b>

    { $text }
progress = { $title }: отправка… { $done } из { $total }
report =
    <b>{ $title }: готово</b>
    Доставлено: { $delivered } из { $total }
    Заблокировали бота: { $blocked }
    Не доставлено: { $failed }
report_who = { $label }: { $names }
report_blocked = Заблокировали бота
report_failed = Не доставлено
report_more = и ещё { $count }
title_broadcast = Рассылка №{ $number }
title_closure = Уведомления о закрытии: { $day }
request_move =
    🔁 <b>{ $name }</b> просит перенести сеанс { $number } из { $total } ({ $when }).
    План: { $plan }
request_urgent =
    ⚠️ <b>Срочно: { $name }</b> пишет: «{ $words }»
    Тревожные признаки: { $signs }. Бот попросил пациента немедленно обратиться к врачу или вызвать скорую помощь.
    План: { $plan }
request_other_time =
    🔁 <b>{ $name }</b> не может прийти в новое время сеанса { $number } из { $total } ({ $when }) и просит другое.
    План: { $plan }
staff_plan_line = { $setting }, раз в { $interval ->
        [one] { $interval } день
        [few] { $interval } дня
       *[many] { $interval } дней
    }, { $total ->
        [one] { $total } сеанс
        [few] { $total } сеанса
       *[many] { $total } сеансов
    }, следующий: { $next }
plan_none = нет активного плана
btn_propose = Предложить время
btn_handled = Отметить как обработанный
requests_none = Открытых запросов нет.
requests_header = <b>Открытые запросы</b>: { $count }
request_pick_day = Новый день для сеанса { $number } пациента { $name }:
closed_day_pick = В этот день ({ $day }) клиника закрыта: пожалуйста, выберите другой день.
request_pick_time = В какое время { $day }?
request_proposed = Пациенту { $name } предложено время { $when }. Я сообщу вам, когда придёт ответ.
request_handled = Запрос отмечен как обработанный.
request_gone = Этот запрос уже закрыт.
proposal =
    Клиника <b>{ $clinic }</b> предлагает новое время для вашего сеанса { $number } из { $total }: <b>{ $when }</b>.
    Вам подходит?
proposal_accepted_staff = ✅ { $name }: время { $when } для сеанса { $number } принято.
proposal_declined_staff = 🔁 { $name }: время { $when } для сеанса { $number } не подходит, пациент просит другое.
move_requested = Я попросил клинику { $clinic } подобрать новое время для сеанса { $number }. Клиника пришлёт вам предложение сюда; связаться с ней можно и напрямую: { $contact }.
time_taken = Это время уже прошло: пожалуйста, выберите другое.
staff_list =
    <b>Персонал клиники { $clinic }</b>
    { $lines }

    Администраторы могут использовать команды <code>/staff add ID</code>, <code>/staff add ID admin</code> и <code>/staff remove ID</code>.
staff_line = { $user } ({ $role })
hours_show = { $clinic } принимает: <b>{ $hours }</b>.
    Администраторы меняют это командой <code>/hours пн-пт 09:00-19:00</code> или <code>/hours off</code> — в любой день и час.
hours_any = в любой день и час
hours_set = Готово: { $clinic } принимает <b>{ $hours }</b>. Теперь закрытия, переносы, предложения времени и возобновлённые курсы попадают только в эти часы (на ближайшее свободное время, пациенту об этом сообщается); уже назначенные сеансы остаются на месте.
hours_admin_only = Менять часы работы могут только администраторы клиники.
hours_usage = Не удалось разобрать часы. Напишите дни и время начала сеансов, например <code>/hours пн-пт 09:00-19:00</code> или <code>/hours пн,ср,сб 10-16</code>, либо <code>/hours off</code>.
staff_admin_only = Изменять список персонала могут только администраторы клиники.
staff_added = Пользователь { $user } добавлен в персонал клиники { $clinic } с ролью { $role }.
staff_removed = Пользователь { $user } больше не входит в персонал клиники { $clinic }.
staff_usage = Используйте <code>/staff add ID</code>, <code>/staff add ID admin</code> или <code>/staff remove ID</code>.
closed_target_closed = В этот день ({ $target }) клиника тоже закрыта: пожалуйста, выберите другой день.
closed_too_far = Эта дата наступит больше чем через год: пожалуйста, выберите день поближе.
staff_not_changed = Не удалось внести это изменение для пользователя { $user }: возможно, он работает в другой клинике, не состоит в вашем списке персонала или является вашим единственным администратором.
proposal_accepted = Спасибо: новое время внесено в ваш план.
proposal_declined = Понятно: я попросил вашу клинику предложить другое время. Новое предложение придёт сюда.
patients_card_hint = Карточка пациента с сеансами и тем, что можно изменить: <code>/patient 12</code> (номер после имени).
card_header = <b>{ $name }</b>, { $status }
card_blocked = заблокировал(а) бота
card_plan = План: { $plan }
card_waiting = Сообщений ждут отправки: { $count }, ближайшее — { $when }.
card_no_waiting = Сообщений, ждущих отправки, нет.
card_checkins = <b>Последние ответы на вопросы о сеансах</b>
card_checkin = Сеанс { $number }: { $answer } ({ $when })
card_warnings = <b>Сообщённые тревожные признаки</b>
card_warning = ⚠️ { $when }: { $signs }. «{ $words }»
card_usage = Отправьте /patient и номер, который /patients показывает после имени, например <code>/patient 12</code>.
card_no_patient = У клиники «{ $clinic }» нет пациента №{ $id }. Список — в /patients.
btn_card_time = Предложить время сеанса { $number }
btn_card_plan = Изменить интервал или число сеансов
plan_pick_interval = Новый интервал для пациента { $name } (сейчас каждые { $interval } дн.). Ближайший сеанс остаётся на своём времени, следующие идут с новым интервалом.
plan_pick_count = Каждые { $interval } дн.: сколько всего сеансов для пациента { $name }? (сейчас { $total })
plan_offered = Отправлено пациенту { $name }: каждые { $interval } дн., всего сеансов: { $total }. Вы узнаете ответ.
plan_not_possible = Это изменение больше не подходит к плану (он изменился, закончился или пройденных сеансов больше). Откройте карточку снова через /patient.
plan_accepted_staff = ✅ { $name } принимает новый план: каждые { $offered_interval } дн., сеансов: { $offered_total }. План: { $plan }
plan_declined_staff = ↩️ { $name } оставляет свой план (вы предложили каждые { $offered_interval } дн., сеансов: { $offered_total }). План: { $plan }
plan_offer =
    <b>{ $clinic }</b> предлагает изменить ваш курс: сеанс каждые { $interval } дн., всего сеансов: { $total } (сейчас каждые { $was_interval } дн., сеансов: { $was_total }). Ближайший сеанс остаётся на своём времени, следующие пойдут с новым интервалом.
    Вы согласны?
btn_plan_accept = Да, изменить план
btn_plan_keep = Оставить мой план
plan_offer_accepted = Ваш план изменён, напоминания следуют за ним.
plan_offer_kept = Ваш план остаётся прежним; клинике сообщено.
plan_offer_gone = Это предложение уже не действует: план с тех пор изменился или вы уже ответили. /plan покажет ваш курс.
patients_header = <b>Пациенты клиники { $clinic }</b>: { $count }
patient_line = { $name }: следующий сеанс { $number } из { $total }, { $when } ({ $status })
patient_no_plan = { $name }: плана пока нет (анкета не заполнена до конца)
patient_inactive = { $name }: бот заблокирован
plan_state_active = активен
plan_state_paused = приостановлен
patient_progress = ↳ Вопрос о волосах { $date }: выпадение — { $shedding }, волосы — { $rating } из 5
