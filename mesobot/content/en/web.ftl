# The clinic's web view, and the bot's messages about it. HTML; {placeholders} are escaped.
web_link =
    Your sign-in link for { $clinic }'s web view (it works once, within 10 minutes):
    { $url }
    On a shared computer, sign out when you are done; <code>/web signout</code> signs you out everywhere.
web_no_url = The web view needs the bot's public address (MESOBOT_PUBLIC_URL): please ask whoever runs the bot.
web_signed_out_all = Signed out of the web view everywhere: { $count } browser sessions ended.
web_nav = Pages
web_nav_week = Week
web_nav_patients = Patients
web_nav_requests = Requests
web_sign_out = Sign out
web_sign_in_title = Sign in to the web view
web_sign_in_body = This link signs you in to your clinic's web view in this browser for 12 hours. It works once.
web_sign_in_button = Sign in
web_link_unknown_title = Link not valid
web_link_unknown = This sign-in link is not valid. Send /web to the bot for a new one.
web_link_used_title = Link already used
web_link_used = This sign-in link has been used already: each link works once. Send /web to the bot for a new one.
web_link_expired_title = Link expired
web_link_expired = This sign-in link has expired: links work for 10 minutes. Send /web to the bot for a new one.
web_link_not_staff_title = Not on the staff
web_link_not_staff = This link was made for someone who is no longer on the clinic's staff.
web_signed_out_page_title = Not signed in
web_signed_out_page = You are not signed in. Send /web to the bot for a sign-in link.
web_signed_out_title = Signed out
web_signed_out = You are signed out, in this browser and every other.
web_form_expired_title = Nothing was changed
web_form_expired = That form was out of date, so nothing was changed. Go back, reload the page and try again.
web_not_found_title = Not found
web_not_found = There is nothing here. Use the links at the top of the page.
web_day_closed = closed
web_close_day = Close this day…
web_close_heading = Close { $day }?
web_day_closed_done = { $day } is closed: its sessions have moved and the patients are being told.
web_search = Name or number
web_search_button = Search
web_no_patients = No patients found.
web_open_card = Open the card
