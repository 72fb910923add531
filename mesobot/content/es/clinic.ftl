invite_welcome = Le ha invitado <b>{ $clinic }</b>. Si acepta a continuación, { $clinic } verá su plan y podrá enviarle cambios de horario.
invite_invalid = Ese enlace de invitación ya no es válido: pida uno nuevo a su clínica. Puede seguir usando el bot por su cuenta.
invite_confirm = <b>{ $clinic }</b> le ha invitado. Si se conecta, { $clinic } verá su plan y podrá enviarle cambios de horario. ¿Conectar?
btn_join_yes = Conectarme
btn_join_no = Ahora no
join_declined = No ha cambiado nada: ninguna clínica ve su plan a través de este enlace.
joined_clinic = Se ha conectado con <b>{ $clinic }</b>. Pueden ver su plan y enviarle cambios de horario.
# Personal de la clínica
staff_help =
    <b>Comandos del personal de { $clinic }</b>
    { $commands }
    /closed FECHA a FECHA traslada las sesiones de ese día al día que usted elija.
today_header = <b>{ $day }</b> en { $clinic }: { $count }
week_header = <b>Los próximos siete días</b> en { $clinic } (del { $first } al { $last }): { $count }
no_sessions = No hay sesiones.
session_line = { $time }  { $name }: sesión { $number } de { $total }, { $state }
session_confirmed = confirmada ✅
session_planned = aún sin confirmar
session_done = realizada
sessions_count =
    { $count ->
        [one] { $count } sesión
       *[other] { $count } sesiones
    }
patients_count =
    { $count ->
        [one] { $count } paciente
       *[other] { $count } pacientes
    }
closed_usage = Indique el día en que la clínica está cerrada, por ejemplo <code>/closed 14 dic</code>, o también un día al que trasladar sus sesiones: <code>/closed 14 dic a 16 dic</code>.
closed_unreadable = No he podido leer “{ $text }” como una fecha. Pruebe, por ejemplo, <code>/closed 14 dic</code> o <code>/closed 2026-12-14</code>.
closed_past = El { $day } ya ha pasado: solo se pueden cerrar el día de hoy o días posteriores.
closed_target_before = El nuevo día debe ser posterior al { $day }.
closed_already = El { $day } ya está marcado como cerrado (sus sesiones se trasladaron al { $moved }).
closed_nothing = No hay sesiones de pacientes de { $clinic } reservadas en la clínica el { $day }: no hay nada que trasladar.
closed_preview =
    <b>Cierre del { $day }</b>
    { $patients }, { $sessions }. Nuevo día: <b>{ $target }</b>, a las mismas horas; las sesiones posteriores de cada paciente mantienen la misma separación.
    Cada paciente recibirá la nueva hora, con botones para aceptarla o pedir otra.

    { $lines }
btn_closed_confirm = Cerrar el día y trasladarlas
btn_cancel = Cancelar
closed_cancelled = No se ha cambiado nada.
closing = Cerrando el { $day }…
closed_done = El { $day } está cerrado. Nuevo día para { $sessions } de { $patients }: { $target }. Enviando los avisos ahora.
closure_notice =
    <b>{ $clinic } cierra el { $day }.</b>
    Su sesión { $number } de { $total } se ha trasladado al <b>{ $when }</b>. Sus sesiones posteriores mantienen la misma separación.
    ¿Le viene bien la nueva hora?
btn_accept_time = Me viene bien
btn_other_time = Pedir otra hora
closure_accepted = Gracias: nos vemos el { $when }.
broadcast_ask_text = ¿Qué debe decir el mensaje? Envíelo como su próximo mensaje (o /cancel). Los pacientes lo verán como un mensaje de { $clinic }.
broadcast_empty = El mensaje está vacío: envíe el texto que quiere que reciban los pacientes.
broadcast_too_long = Ese mensaje tiene { $length ->
        [one] { $length } carácter
       *[other] { $length } caracteres
    }; el límite es { $limit }. Acórtelo y envíelo de nuevo, por favor.
broadcast_ask_audience = ¿Quién debe recibirlo?
btn_audience_all = Todos los pacientes activos
btn_audience_day = Pacientes con sesión un día concreto
btn_audience_range = Pacientes con sesión en un rango de fechas
broadcast_ask_day = ¿Qué día? Por ejemplo, <code>14 dic</code>.
broadcast_ask_range = ¿Qué fechas? Por ejemplo, <code>14 dic a 20 dic</code>.
broadcast_bad_day = No he podido leer “{ $text }” como un día. Pruebe, por ejemplo, <code>14 dic</code>.
broadcast_bad_range = No he podido leer “{ $text }” como dos fechas, sin que la segunda sea anterior a la primera. Pruebe, por ejemplo, <code>14 dic a 20 dic</code>.
audience_all = todos los pacientes activos
audience_day = pacientes con sesión el { $day }
audience_range = pacientes con sesión del { $first } al { $last }
broadcast_preview =
    <b>Vista previa</b> (para { $audience }: <b>{ $count }</b>)

    { $text }
broadcast_nobody = Ningún paciente coincide ({ $audience }). Elija otros destinatarios, o /cancel.
btn_broadcast_send = Enviar a { $count }
btn_broadcast_audience = Cambiar los destinatarios
broadcast_cancelled = El envío masivo se ha cancelado; no se ha enviado nada.
nothing_to_cancel_staff = No hay nada que cancelar.
broadcast_message =
    <b>Mensaje de { $clinic }</b>

    { $text }
progress = { $title }: enviando… { $done } de { $total }
report =
    <b>{ $title }: terminado</b>
    Entregados: { $delivered } de { $total }
    Han bloqueado el bot: { $blocked }
    Fallidos: { $failed }
report_who = { $label }: { $names }
report_blocked = Han bloqueado el bot
report_failed = Entrega fallida
report_more = y { $count } más
title_broadcast = Envío masivo n.º { $number }
title_closure = Avisos de cierre del { $day }
request_move =
    🔁 <b>{ $name }</b> pide trasladar la sesión { $number } de { $total } ({ $when }).
    Plan: { $plan }
request_urgent =
    ⚠️ <b>Urgente: { $name }</b> escribió: “{ $words }”
    Signos de alarma: { $signs }. El bot le indicó que contacte ahora con un médico o con los servicios de emergencia.
    Plan: { $plan }
request_other_time =
    🔁 <b>{ $name }</b> no puede acudir a la nueva hora de la sesión { $number } de { $total } ({ $when }) y pide otra.
    Plan: { $plan }
staff_plan_line = { $setting }, { $interval ->
        [one] cada día
       *[other] cada { $interval } días
    }, { $total ->
        [one] { $total } sesión
       *[other] { $total } sesiones
    }, próxima: { $next }
plan_none = sin plan activo
btn_propose = Proponer una hora
btn_handled = Marcar como atendida
requests_none = No hay solicitudes abiertas.
requests_header = <b>Solicitudes abiertas</b>: { $count }
request_pick_day = Nuevo día para la sesión { $number } de { $name }:
closed_day_pick = La clínica está cerrada el { $day }: elija otro día, por favor.
request_pick_time = ¿A qué hora el { $day }?
request_proposed = Se ha propuesto el { $when } a { $name }. Le avisaré cuando responda.
request_handled = Marcada como atendida.
request_gone = Esa solicitud ya está resuelta.
proposal =
    <b>{ $clinic }</b> le propone una nueva hora para su sesión { $number } de { $total }: <b>{ $when }</b>.
    ¿Le viene bien?
proposal_accepted_staff = ✅ { $name } ha aceptado el { $when } para la sesión { $number }.
proposal_declined_staff = 🔁 { $name } no puede acudir el { $when } a la sesión { $number } y pide otra hora.
move_requested = He pedido a { $clinic } que busque una nueva hora para la sesión { $number }. Le enviarán una propuesta aquí; también puede contactar con ellos: { $contact }.
time_taken = Esa hora ya ha pasado: elija otra, por favor.
staff_list =
    <b>Personal de { $clinic }</b>
    { $lines }

    Los administradores pueden usar <code>/staff add USER_ID</code>, <code>/staff add USER_ID admin</code> y <code>/staff remove USER_ID</code>.
staff_line = { $user } ({ $role })
hours_show = { $clinic } atiende: <b>{ $hours }</b>.
    Los administradores lo cambian con <code>/hours lu-vi 09:00-19:00</code>, o <code>/hours off</code> para cualquier día y hora.
hours_any = cualquier día, a cualquier hora
hours_set = Hecho: { $clinic } atiende <b>{ $hours }</b>. Desde ahora, cierres, cambios, propuestas y cursos reanudados caen solo en ese horario (en el siguiente hueco abierto, y se avisa al paciente); las sesiones ya reservadas se quedan donde están.
hours_admin_only = Solo los administradores de la clínica pueden cambiar el horario.
hours_usage = No pude leer ese horario. Escriba los días y las horas en que pueden empezar las sesiones, p. ej. <code>/hours lu-vi 09:00-19:00</code> o <code>/hours lu,mi,sá 10-16</code>, o <code>/hours off</code>.
staff_admin_only = Solo los administradores de la clínica pueden cambiar la lista del personal.
staff_added = El usuario { $user } es ahora { $role } de { $clinic }.
staff_removed = El usuario { $user } ya no forma parte del personal de { $clinic }.
staff_usage = Use <code>/staff add USER_ID</code>, <code>/staff add USER_ID admin</code> o <code>/staff remove USER_ID</code>.
closed_target_closed = La clínica también está cerrada el { $target }: elija otro día, por favor.
closed_too_far = Eso es dentro de más de un año: elija un día más cercano, por favor.
staff_not_changed = No he podido hacer ese cambio para el usuario { $user }: puede que trabaje para otra clínica, que no esté en su lista del personal o que sea su único administrador.
proposal_accepted = Gracias: la nueva hora ya está en su plan.
proposal_declined = Entendido: he pedido otra hora a su clínica. Le enviarán una nueva propuesta aquí.
patients_card_hint = La ficha de un paciente, con sus sesiones y lo que puede cambiar: <code>/patient 12</code> (el número tras su nombre).
card_header = <b>{ $name }</b>, { $status }
card_blocked = ha bloqueado el bot
card_plan = Plan: { $plan }
card_waiting = Mensajes pendientes de envío: { $count }, el próximo { $when }.
card_no_waiting = No hay mensajes pendientes de envío.
card_checkins = <b>Últimas respuestas sobre las sesiones</b>
card_checkin = Sesión { $number }: { $answer } ({ $when })
card_warnings = <b>Señales de alarma comunicadas</b>
card_warning = ⚠️ { $when }: { $signs }. «{ $words }»
card_usage = Envíe /patient y el número que /patients muestra tras el nombre, p. ej. <code>/patient 12</code>.
card_no_patient = { $clinic } no tiene paciente n.º { $id }. /patients los muestra.
btn_card_time = Proponer hora para la sesión { $number }
btn_card_plan = Cambiar intervalo o duración
plan_pick_interval = Nuevo intervalo para { $name } (ahora cada { $interval } días). La próxima sesión mantiene su hora; las siguientes siguen el nuevo intervalo.
plan_pick_count = Cada { $interval } días: ¿cuántas sesiones en total para { $name }? (ahora { $total })
plan_offered = Enviado a { $name }: cada { $interval } días, { $total } sesiones en total. Recibirá su respuesta.
plan_not_possible = Ese cambio ya no encaja en el plan (cambió, terminó o tiene más sesiones hechas). Abra de nuevo la ficha con /patient.
plan_accepted_staff = ✅ { $name } acepta el nuevo plan: cada { $offered_interval } días, { $offered_total } sesiones. Plan: { $plan }
plan_declined_staff = ↩️ { $name } mantiene su plan (usted ofreció cada { $offered_interval } días, { $offered_total } sesiones). Plan: { $plan }
plan_offer =
    <b>{ $clinic }</b> propone un cambio en su tratamiento: una sesión cada { $interval } días, { $total } sesiones en total (ahora cada { $was_interval } días, { $was_total } sesiones). Su próxima sesión mantiene su hora; las siguientes siguen el nuevo intervalo.
    ¿Está de acuerdo?
btn_plan_accept = Sí, cambiar mi plan
btn_plan_keep = Mantener mi plan
plan_offer_accepted = Su plan ha cambiado, y sus recordatorios lo siguen.
plan_offer_kept = Su plan sigue igual; se ha avisado a su clínica.
plan_offer_gone = Esa propuesta ya no está abierta: su plan ha cambiado desde entonces o ya respondió. /plan muestra su tratamiento.
patients_header = <b>Pacientes de { $clinic }</b>: { $count }
patient_line = { $name }: próxima sesión { $number } de { $total }, { $when } ({ $status })
patient_no_plan = { $name }: aún sin plan (registro inicial sin terminar)
patient_inactive = { $name }: ha bloqueado el bot
plan_state_active = activo
plan_state_paused = en pausa
patient_progress = ↳ Evolución del cabello { $date }: caída { $shedding }, cabello { $rating } de 5
