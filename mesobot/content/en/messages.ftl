### Interface texts, in HTML parse mode (<b>, <i>, <a href="...">).
### { $placeholders } are filled in at send time and HTML-escaped. Nothing here states a
### health fact: those are the vetted entries in the .toml files beside this one.

consent =
    Hello, { $name }! I'm <b>Mesobot</b>. I help you keep track of a course of mesotherapy for hair loss: your session dates, reminders and check-ins.

    <b>Before we start</b>
    • To do this I store your Telegram name and id, your time zone, your answers to a few screening questions and your session plan. They are used only to send you these messages and, if you join through a clinic, to let that clinic see your plan.
    • I'm not a doctor and I can't give medical advice. For anything about your health, please ask your own doctor or clinic.
    • You can erase everything I have stored about you at any time with /delete.

    Is that all right with you?
btn_consent_yes = I agree
btn_consent_no = No, thanks
consent_declined = No problem: I haven't stored anything about you. If you change your mind, just send /start.
consent_given = Thank you, { $name }. A few questions, one at a time. You can stop at any point with /cancel.
resume = Welcome back, { $name }. Let's carry on where we left off.
use_buttons = Please choose one of the buttons below.
stale = That choice is out of date.
stale_resend = That button is from an earlier step. Here is where we are now:
summary_expired = The first session's time passed while this summary waited. Please choose the first date again.
btn_yes = Yes
btn_no = No
btn_cleared = My doctor has cleared me
hair_androgenetic = Pattern hair loss (androgenetic)
hair_telogen = Stress-related shedding (telogen effluvium)
hair_circulation = Poor scalp circulation
hair_unsure = I'm not sure
setting_clinic = At a clinic (injections)
setting_home = At home (dermaroller kit)
ask_timezone =
    Which time zone are you in? I'll use it so reminders arrive at your local time.

    Tap <b>Share my location</b>, or type your city (for example <i>London</i>) or a time zone name (for example <i>Europe/London</i>).
btn_share_location = Share my location
tz_set = Time zone: <b>{ $zone }</b>.
tz_unknown = I couldn't find a time zone for “{ $text }”. Please type the nearest large city, or a time zone name such as <i>Europe/London</i>.
tz_suggest = I couldn't match “{ $text }” exactly. Did you mean one of these? You can also type it again.
location_unknown = I couldn't tell the time zone of that location. Please type your city instead.
location_not_now = Thanks, but I don't need a location right now.
ask_date = When is your <b>first session</b>? Pick a day, or type a date such as <i>{ $example }</i>, <i>3 Dec</i> or <i>tomorrow</i>.
date_unreadable = I couldn't read that as a date. Please pick a day, or type it like <i>{ $example }</i>.
date_past = That date has already passed. Please choose today or a later day.
date_too_far = That is more than a year away. Please choose a day no later than { $latest }.
calendar_blank = ·
calendar_previous = ‹
calendar_next = ›
ask_time = What time is the session on <b>{ $date }</b>? Pick one, or type a time such as <i>10:30</i> or <i>2pm</i>.
time_unreadable = I couldn't read that as a time. Please type it like <i>10:30</i> or <i>2pm</i>.
time_passed = That time has already passed today. Please choose a later time, or /cancel and start again with another day.
preset_weekly = Every week, 10 sessions
preset_fortnightly = Every 2 weeks, 8 sessions
preset_monthly = Every 4 weeks, 6 sessions
btn_custom = Something else
interval_range = Please give a whole number of days from { $low } to { $high }.
sessions_range = Please give a whole number of sessions from { $low } to { $high }.
summary =
    <b>Your plan</b>
    Hair loss: { $hair }
    Where: { $setting }
    Time zone: { $zone }
    Spacing: every { $interval } days, { $count } sessions

    { $sessions }

    Shall I save this plan?
summary_line = { $number }. { $when }
btn_confirm = Save my plan
btn_change = Change something
change_pick = What would you like to change?
change_hair = Hair-loss type
change_setting = Where
change_timezone = Time zone
change_date = First date
change_time = Time
change_spacing = Spacing
btn_back = Back
plan_saved =
    Your plan is saved: { $count } sessions, the first on <b>{ $first }</b>.

    /next shows your next session and /plan the whole course. Your practitioner has the final say on the plan: if they change it, send /start to update it here.
plan_slipped = The first session time has passed while we were talking. Please pick the date again.
cancelled = Cancelled. I didn't keep the answers from this conversation. Send /start whenever you want to begin again.
nothing_to_cancel = There is nothing to cancel right now.
welcome_back = Welcome back, { $name }.
where_you_are =
    { $greeting } { $next }

    /plan shows the whole course.
btn_start_over = Start over
start_over_confirm = Start over with a new plan? Your current plan and its remaining sessions will be cancelled.
btn_start_over_yes = Yes, start over
btn_keep_plan = No, keep my plan
kept_plan = Your plan is unchanged.
next_session = Your next session is <b>session { $number } of { $total }</b>: { $when } ({ $days }).
days_today = today
days_tomorrow = tomorrow
no_plan = You don't have a plan yet. Send /start to set one up.
course_finished = Every session of your course is behind you. If your practitioner plans more, send /start to set them up.
plan_header = <b>Your course</b>: { $setting }, every { $interval } days, times in { $zone }.
plan_line = { $number }. { $when } — { $status }
status_planned = planned
status_confirmed = confirmed
status_done = done
status_skipped = skipped
status_cancelled = cancelled
status_past = passed
delete_confirm = Erase everything I have stored about you: your answers, your plan and your sessions? This can't be undone.
btn_delete_yes = Yes, erase everything
btn_delete_no = No, keep it
deleted = Done: everything I stored about you has been erased. If you send /start again, we begin from scratch.
delete_kept = Nothing was erased.
nothing_to_delete = I don't have anything stored about you.
evening_usage = Tell me the time for your evening reminder, for example <i>/evening 20:30</i>.
evening_set = From now on your evening reminder arrives at { $time }.
quiet_usage = Tell me when your quiet hours start and end, for example <i>/quiet 22:00 07:30</i>.
quiet_set = Quiet hours: { $start } to { $end }. Reminders due then wait until { $end }.
faq_topics = These are the topics I have answers on, checked against our sources. Tap one, or just ask in your own words.
faq_helpful = Did this answer your question?
btn_helpful_yes = Yes
btn_helpful_no = No
faq_thanks = Thank you, that helps us improve these answers.
faq_suggest = I'm not sure I understood. Did you mean one of these?
faq_unknown = I don't have vetted information on that, so I won't guess.
faq_back = Back to where we were:
faq_also = You asked about more than one thing. This may answer the rest:
help =
    Here is what I can do:
    { $commands }

    I'm not a doctor: for anything about your health, please ask your own doctor or clinic.
unknown_command = I don't know the command { $command }. Send /help to see the ones I know.
error = Sorry, something went wrong on my side. Please try again in a moment.
unavailable = Sorry, I can't reach my records just now. Nothing you sent is lost: I'll answer as soon as they're back, so there's no need to send it again.
language_pick = Which language shall I use?
language_set = From now on I'll write to you in English.
hours_notice = { $clinic } does not take sessions then, so your session { $number } of { $total } is on <b>{ $when }</b> instead, its next open time. Your later sessions keep their spacing. If that does not suit you, reply here or use /next.
calendar_caption = Your course for your calendar: open the file to add its sessions. If your plan changes, send /calendar again and import the new file: the sessions are updated, not doubled.
calendar_link = Or subscribe your phone's calendar to this private link, and it follows every change by itself:
    { $url }
    Keep it to yourself: anyone with the link sees your session times. /calendar reset stops it and gives you a new one.
calendar_link_new = Your old calendar link no longer works. Your new private link:
    { $url }
    Subscribe to it in your phone's calendar (add a calendar from a URL or "by subscription").
calendar_link_sent = You already have a private calendar link, sent earlier in this chat. If you lost it or shared it by mistake, /calendar reset stops it and gives you a new one.
calendar_no_link = Calendar links are not switched on for this bot: /calendar sends the file instead.
calendar_event = Mesotherapy session { $number } of { $total }
calendar_name = Mesotherapy course
export_caption = Everything I have stored about you: the data as JSON, and a one-page report you can show your doctor (open it in a browser to read or print it).
report_title = Mesotherapy course: what the patient recorded
report_patient = Patient: { $name }
report_consent = Agreed to the bot storing this on { $when }.
report_note = Kept by the Mesobot chat bot from the patient's own answers and messages. It is not a medical record and holds no assessment.
report_plan = { $setting }, every { $interval } days, { $count } sessions
report_number = Session
report_when = Date
report_status = Status
report_screening = Screening questions
report_question = Question
report_answer = Answer
report_screen_pregnancy = Pregnant or breastfeeding
report_screen_anticoagulants = Takes anticoagulants
report_screen_keloid = Keloid scars
report_screen_allergy = Allergic or sensitive to an ingredient
report_screen_other_condition = Another medical condition
report_checkins = Check-ins after sessions
report_warnings = Warning signs reported
report_signs = What the bot recognised
report_words = The patient's words
report_none = None.
btn_calendar_update = 📅 Update my calendar
