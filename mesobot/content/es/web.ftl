# Las páginas web de la clínica y los mensajes del bot sobre ellas. HTML; {variables} escapadas.
web_link =
    Su enlace para entrar en las páginas web de { $clinic } (funciona una vez, durante 10 minutos):
    { $url }
    En un ordenador compartido, cierre la sesión al terminar; <code>/web signout</code> la cierra en todas partes.
web_no_url = Las páginas web necesitan la dirección pública del bot (MESOBOT_PUBLIC_URL): consulte a quien gestiona el bot.
web_signed_out_all = Sesión cerrada en todas partes: { $count } sesiones de navegador terminadas.
web_nav = Secciones
web_nav_week = Semana
web_nav_patients = Pacientes
web_nav_requests = Solicitudes
web_sign_out = Cerrar sesión
web_sign_in_title = Entrar en las páginas web
web_sign_in_body = Este enlace abre las páginas web de su clínica en este navegador durante 12 horas. Funciona una vez.
web_sign_in_button = Entrar
web_link_unknown_title = Enlace no válido
web_link_unknown = Este enlace de acceso no es válido. Envíe /web al bot para recibir uno nuevo.
web_link_used_title = Enlace ya usado
web_link_used = Este enlace ya se ha usado: cada enlace funciona una vez. Envíe /web al bot para recibir uno nuevo.
web_link_expired_title = Enlace caducado
web_link_expired = Este enlace ha caducado: los enlaces duran 10 minutos. Envíe /web al bot para recibir uno nuevo.
web_link_not_staff_title = Fuera del personal
web_link_not_staff = Este enlace se creó para alguien que ya no forma parte del personal de la clínica.
web_signed_out_page_title = Sesión no iniciada
web_signed_out_page = No ha iniciado sesión. Envíe /web al bot para recibir un enlace de acceso.
web_signed_out_title = Sesión cerrada
web_signed_out = Ha cerrado la sesión, en este navegador y en todos los demás.
web_form_expired_title = No se ha cambiado nada
web_form_expired = El formulario estaba desactualizado, así que no se ha cambiado nada. Vuelva atrás, recargue la página e inténtelo de nuevo.
web_not_found_title = No encontrado
web_not_found = Aquí no hay nada. Use los enlaces de la parte superior.
web_day_closed = cerrado
web_close_day = Cerrar este día…
web_close_heading = ¿Cerrar { $day }?
web_day_closed_done = { $day } está cerrado: sus sesiones se han movido y se está avisando a los pacientes.
web_search = Nombre o número
web_search_button = Buscar
web_no_patients = No se han encontrado pacientes.
web_open_card = Abrir la ficha
