### Textos de la interfaz, en modo de análisis HTML (<b>, <i>, <a href="...">).
### Los { $placeholders } se rellenan al enviar y se escapan como HTML. Nada de lo que hay aquí
### afirma un hecho de salud: esos son los textos revisados de los archivos .toml de esta carpeta.

consent =
    ¡Hola, { $name }! Soy <b>Mesobot</b>. Le ayudo a llevar el seguimiento de un tratamiento de mesoterapia para la caída del cabello: las fechas de sus sesiones, recordatorios y preguntas de seguimiento.

    <b>Antes de empezar</b>
    • Para ello guardo su nombre e id de Telegram, su zona horaria, sus respuestas a unas preguntas de evaluación y su plan de sesiones. Solo se usan para enviarle estos mensajes y, si se une a través de una clínica, para que esa clínica pueda ver su plan.
    • No soy médico y no puedo dar consejos médicos. Para cualquier cuestión sobre su salud, consulte a su médico o a su clínica.
    • Puede borrar todo lo que tengo guardado sobre usted en cualquier momento con /delete.

    ¿Está de acuerdo?
btn_consent_yes = Estoy de acuerdo
btn_consent_no = No, gracias
consent_declined = No hay problema: no he guardado nada sobre usted. Si cambia de opinión, envíe /start.
consent_given = Gracias, { $name }. Le haré unas preguntas, de una en una. Puede detenerse en cualquier momento con /cancel.
resume = Hola de nuevo, { $name }. Sigamos donde lo dejamos.
use_buttons = Elija uno de los botones de abajo, por favor.
stale = Esa opción ya no está vigente.
stale_resend = Ese botón es de un paso anterior. Estamos aquí:
summary_expired = La hora de la primera sesión pasó mientras este resumen esperaba. Elija de nuevo la primera fecha, por favor.
btn_yes = Sí
btn_no = No
btn_cleared = Mi médico me ha dado el visto bueno
hair_androgenetic = Alopecia de patrón (androgenética)
hair_telogen = Caída por estrés (efluvio telógeno)
hair_circulation = Mala circulación en el cuero cabelludo
hair_unsure = No lo sé
setting_clinic = En una clínica (inyecciones)
setting_home = En casa (kit de dermaroller)
ask_timezone =
    ¿En qué zona horaria se encuentra? La usaré para que los recordatorios le lleguen a su hora local.

    Pulse <b>Compartir mi ubicación</b>, o escriba su ciudad (por ejemplo, <i>Madrid</i>) o el nombre de una zona horaria (por ejemplo, <i>Europe/Madrid</i>).
btn_share_location = Compartir mi ubicación
tz_set = Zona horaria: <b>{ $zone }</b>.
tz_unknown = No he encontrado una zona horaria para “{ $text }”. Escriba la ciudad grande más cercana, o el nombre de una zona horaria como <i>Europe/Madrid</i>.
tz_suggest = No he encontrado “{ $text }” exactamente. ¿Se refería a una de estas? También puede volver a escribirlo.
location_unknown = No he podido saber la zona horaria de esa ubicación. Escriba su ciudad, por favor.
location_not_now = Gracias, pero ahora mismo no necesito una ubicación.
ask_date = ¿Cuándo es su <b>primera sesión</b>? Elija un día, o escriba una fecha como <i>{ $example }</i>, <i>3 dic</i> o <i>mañana</i>.
date_unreadable = No he podido leer eso como una fecha. Elija un día, o escríbalo así: <i>{ $example }</i>.
date_past = Esa fecha ya ha pasado. Elija hoy o un día posterior, por favor.
date_too_far = Eso es dentro de más de un año. Elija un día hasta el { $latest } como máximo, por favor.
calendar_blank = ·
calendar_previous = ‹
calendar_next = ›
ask_time = ¿A qué hora es la sesión del <b>{ $date }</b>? Elija una, o escriba una hora como <i>10:30</i> o <i>14:00</i>.
time_unreadable = No he podido leer eso como una hora. Escríbala así: <i>10:30</i> o <i>14:00</i>.
time_passed = Esa hora de hoy ya ha pasado. Elija una hora posterior, o use /cancel y empiece de nuevo con otro día.
preset_weekly = Cada semana, 10 sesiones
preset_fortnightly = Cada 2 semanas, 8 sesiones
preset_monthly = Cada 4 semanas, 6 sesiones
btn_custom = Otra cosa
interval_range = Indique un número entero de días entre { $low } y { $high }.
sessions_range = Indique un número entero de sesiones entre { $low } y { $high }.
summary =
    <b>Su plan</b>
    Caída del cabello: { $hair }
    Dónde: { $setting }
    Zona horaria: { $zone }
    Frecuencia: { $interval ->
        [one] cada día
       *[other] cada { $interval } días
    }, { $count ->
        [one] { $count } sesión
       *[other] { $count } sesiones
    }

    { $sessions }

    ¿Guardo este plan?
summary_line = { $number }. { $when }
btn_confirm = Guardar mi plan
btn_change = Cambiar algo
change_pick = ¿Qué le gustaría cambiar?
change_hair = Tipo de caída del cabello
change_setting = Dónde
change_timezone = Zona horaria
change_date = Primera fecha
change_time = Hora
change_spacing = Frecuencia
btn_back = Atrás
plan_saved =
    Su plan está guardado: { $count ->
        [one] { $count } sesión
       *[other] { $count } sesiones
    }, la primera el <b>{ $first }</b>.

    /next muestra su próxima sesión y /plan el tratamiento completo. La última palabra sobre el plan la tiene el profesional que le trata: si lo cambia, envíe /start para actualizarlo aquí.
plan_slipped = La hora de la primera sesión ha pasado mientras hablábamos. Elija de nuevo la fecha, por favor.
cancelled = Cancelado. No he guardado las respuestas de esta conversación. Envíe /start cuando quiera empezar de nuevo.
nothing_to_cancel = Ahora mismo no hay nada que cancelar.
welcome_back = Hola de nuevo, { $name }.
where_you_are =
    { $greeting } { $next }

    /plan muestra el tratamiento completo.
btn_start_over = Empezar de nuevo
start_over_confirm = ¿Empezar de nuevo con un plan nuevo? Se cancelarán su plan actual y las sesiones que le quedan.
btn_start_over_yes = Sí, empezar de nuevo
btn_keep_plan = No, mantener mi plan
kept_plan = Su plan no ha cambiado.
next_session = Su próxima sesión es la <b>sesión { $number } de { $total }</b>: { $when } ({ $days }).
days_today = hoy
days_tomorrow = mañana
no_plan = Todavía no tiene un plan. Envíe /start para crearlo.
course_finished = Ya ha completado todas las sesiones de su tratamiento. Si el profesional que le trata programa más, envíe /start para añadirlas.
plan_header = <b>Su tratamiento</b>: { $setting }, { $interval ->
        [one] cada día
       *[other] cada { $interval } días
    }, horas en { $zone }.
plan_line = { $number }. { $when } — { $status }
status_planned = prevista
status_confirmed = confirmada
status_done = realizada
status_skipped = omitida
status_cancelled = cancelada
status_past = pasada
delete_confirm = ¿Borrar todo lo que tengo guardado sobre usted: sus respuestas, su plan y sus sesiones? No se puede deshacer.
btn_delete_yes = Sí, borrar todo
btn_delete_no = No, conservarlo
deleted = Hecho: se ha borrado todo lo que tenía guardado sobre usted. Si vuelve a enviar /start, empezaremos desde cero.
delete_kept = No se ha borrado nada.
nothing_to_delete = No tengo nada guardado sobre usted.
evening_usage = Indíqueme a qué hora quiere recibir su recordatorio de la noche, por ejemplo <i>/evening 20:30</i>.
evening_set = A partir de ahora, su recordatorio de la noche le llegará a las { $time }.
quiet_usage = Indíqueme cuándo empiezan y terminan sus horas de silencio, por ejemplo <i>/quiet 22:00 07:30</i>.
quiet_set = Horas de silencio: de { $start } a { $end }. Los recordatorios que toquen en ese horario esperarán hasta las { $end }.
faq_topics = Estos son los temas sobre los que tengo respuestas, revisadas con nuestras fuentes. Pulse uno, o pregunte con sus propias palabras.
faq_helpful = ¿Ha respondido esto a su pregunta?
btn_helpful_yes = Sí
btn_helpful_no = No
faq_thanks = Gracias, eso nos ayuda a mejorar estas respuestas.
faq_suggest = No sé si le he entendido bien. ¿Se refería a una de estas?
faq_unknown = No tengo información revisada sobre eso, así que no voy a adivinar.
faq_back = Volvamos a donde estábamos:
faq_also = Ha preguntado por más de una cosa. Esto puede responder al resto:
help =
    Esto es lo que puedo hacer:
    { $commands }

    No soy médico: para cualquier cuestión sobre su salud, consulte a su médico o a su clínica.
unknown_command = No conozco el comando { $command }. Envíe /help para ver los que conozco.
error = Lo siento, algo ha fallado por mi parte. Inténtelo de nuevo dentro de un momento.
unavailable = Lo siento, ahora mismo no puedo acceder a mis registros. No se ha perdido nada de lo que ha enviado: le responderé en cuanto vuelvan a estar disponibles, así que no hace falta que lo envíe de nuevo.
language_pick = ¿En qué idioma prefiere que le escriba?
language_set = A partir de ahora le escribiré en español.
hours_notice = { $clinic } no atiende a esa hora, así que su sesión { $number } de { $total } pasa a <b>{ $when }</b>, su siguiente horario abierto. Las sesiones siguientes mantienen su intervalo. Si no le viene bien, escriba aquí o use /next.
calendar_caption = Su tratamiento para el calendario: abra el archivo para añadir las sesiones. Si su plan cambia, vuelva a enviar /calendar e importe el archivo nuevo: las sesiones se actualizan, no se duplican.
calendar_link = O suscriba el calendario de su teléfono a este enlace privado, y seguirá cada cambio por sí solo:
    { $url }
    No lo comparta: quien tenga el enlace ve las horas de sus sesiones. /calendar reset lo anula y le da uno nuevo.
calendar_link_new = Su enlace de calendario anterior ya no funciona. Su nuevo enlace privado:
    { $url }
    Suscríbase a él en el calendario del teléfono (añadir calendario desde una URL o «por suscripción»).
calendar_link_sent = Ya tiene un enlace privado de calendario, enviado antes en este chat. Si lo perdió o lo compartió por error, /calendar reset lo anula y le da uno nuevo.
calendar_no_link = Los enlaces de calendario no están activados en este bot: /calendar envía el archivo.
calendar_event = Sesión de mesoterapia { $number } de { $total }
calendar_name = Tratamiento de mesoterapia
export_caption = Todo lo que tengo guardado sobre usted: los datos en JSON y un informe de una página que puede enseñar a su médico (ábralo en un navegador para leerlo o imprimirlo).
report_title = Tratamiento de mesoterapia: lo que registró el paciente
report_patient = Paciente: { $name }
report_consent = Aceptó que el bot guardara estos datos el { $when }.
report_note = Elaborado por el bot de chat Mesobot a partir de las respuestas y mensajes del propio paciente. No es un historial médico ni contiene valoraciones.
report_plan =
    { $setting }, cada { $interval } { $interval ->
        [one] día
       *[other] días
    }, { $count } { $count ->
        [one] sesión
       *[other] sesiones
    }
report_number = Sesión
report_when = Fecha
report_status = Estado
report_screening = Preguntas previas
report_question = Pregunta
report_answer = Respuesta
report_screen_pregnancy = Embarazo o lactancia
report_screen_anticoagulants = Toma anticoagulantes
report_screen_keloid = Cicatrices queloides
report_screen_allergy = Alergia o sensibilidad a un componente
report_screen_other_condition = Otra enfermedad
report_checkins = Cómo se encontraba tras las sesiones
report_warnings = Señales de alarma comunicadas
report_signs = Lo que reconoció el bot
report_words = Palabras del paciente
report_none = Ninguna.
btn_calendar_update = 📅 Actualizar mi calendario
