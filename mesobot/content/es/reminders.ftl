doctor_pointer = Si tiene preguntas o dudas, póngase en contacto con su médico.
doctor_pointer_clinic = Si tiene preguntas o dudas, póngase en contacto con su clínica ({ $clinic }) o con su médico.
reminder_eve =
    Un recordatorio: se acerca la <b>sesión { $number } de { $total }</b>: { $when }.

    ¿Podrá asistir?
reminder_eve_home =
    Un recordatorio: la <b>sesión { $number } de { $total }</b> de su tratamiento en casa está prevista para el { $when }.

    Si esa hora ya no le viene bien, puede cambiarla.
reminder_soon = Su próxima sesión es dentro de unas horas: { $when }.
reminder_soon_home = Su próxima sesión en casa está prevista para dentro de unas horas: { $when }.
session_check = ¿Se realizó la <b>sesión { $number }</b> ({ $when })?
btn_will_attend = Allí estaré
btn_need_move = Necesito cambiarla
btn_done = Hecha
btn_skip = Omitir
btn_move = Cambiar
btn_happened = Sí, se realizó
btn_not_happened = No, no se realizó
btn_checkin_fine = Todo bien
btn_checkin_mild = Algo de enrojecimiento, hinchazón o hematomas
btn_checkin_worried = Algo me preocupa
btn_bruise_gone = Sí, ya ha desaparecido
btn_bruise_still = No, sigue ahí
attend_noted = Gracias, he anotado que asistirá.
session_marked_done = La sesión { $number } está marcada como realizada. ¡Muy bien!
session_marked_skipped = De acuerdo, he marcado esta sesión como omitida.
reminder_out_of_date = Este recordatorio ya no está vigente: su plan ha cambiado desde que se lo envié. /next muestra su próxima sesión.
move_pick_date =
    ¿Cuál es la nueva fecha de la <b>sesión { $number }</b>? Elija un día abajo.

    Las sesiones siguientes se moverán con ella, de modo que la separación entre ellas se mantenga igual.
moved =
    Hecho: la <b>sesión { $number }</b> es ahora el { $when }. Las sesiones siguientes también se han movido.

    /plan muestra el tratamiento completo.
paused = Su tratamiento está en pausa. No le enviaré recordatorios hasta que envíe /resume.
resumed = Su tratamiento se reanuda a partir del { $when } y los recordatorios vuelven a estar activos. /plan muestra las fechas.
nothing_to_pause = Ahora mismo no hay nada que pausar.
nothing_to_resume = Su tratamiento no está en pausa, así que no hay nada que reanudar.
checkin_thanks = Gracias por contármelo.
bruise_noted = Gracias, he anotado que el hematoma ha desaparecido.
reminders_settings = 
    <b>Sus recordatorios</b>
    La tarde anterior: { $evening }
    Antes de la sesión: { $soon }
    Horas de silencio: { $quiet }
    
    Pulse abajo para cambiarlos.
reminders_off = desactivado
reminders_at = a las { $time }
reminders_before =
    { $hours ->
        [one] { $hours } hora antes
       *[other] { $hours } horas antes
    }
reminders_quiet = de { $start } a { $end }
reminders_quiet_none = Ninguna
btn_evening_on = Activar el recordatorio de la tarde
btn_evening_off = Desactivar el recordatorio de la tarde
btn_soon_on = Activar el recordatorio previo
btn_soon_off = Desactivar el recordatorio previo
btn_later_1h = Recordármelo en 1 hora
btn_later_3h = En 3 horas
later_set = Se lo recordaré de nuevo a las { $time }.
later_too_late = La sesión empieza antes, así que este es el último recordatorio.
reminder_later = Un recordatorio, como me pidió: la <b>sesión { $number } de { $total }</b> es el { $when }.
progress_checkin = <b>Una pregunta mensual sobre su cabello.</b> En comparación con antes del tratamiento, ¿cuánto pelo se le cae?
btn_shed_1 = Mucho menos
btn_shed_2 = Menos
btn_shed_3 = Más o menos igual
btn_shed_4 = Más
btn_shed_5 = Mucho más
progress_ask_rating = ¿Y cómo valora su cabello ahora, de 1 (muy descontento) a 5 (muy contento)?
progress_thanks = Gracias, anotado. /progress muestra sus respuestas a lo largo del tiempo.
progress_none = Todavía no ha respondido a ninguna pregunta sobre su evolución. La primera llega un mes después de la primera sesión.
progress_summary = El { $date } respondió: caída { $shedding }; su cabello, { $rating } de 5. En el gráfico, en azul su valoración y en naranja la caída (más abajo es menos); las líneas grises son sus sesiones.
progress_shed_1 = mucho menor que antes
progress_shed_2 = menor que antes
progress_shed_3 = más o menos como antes
progress_shed_4 = mayor que antes
progress_shed_5 = mucho mayor que antes
report_progress = Preguntas sobre la evolución
report_shedding = Caída
report_rating = Cabello (de 1 a 5)
