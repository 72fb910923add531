invite_welcome = You were invited by <b>{ $clinic }</b>. If you agree below, { $clinic } will see your plan and can send you schedule changes.
invite_invalid = That invite link is no longer valid: please ask your clinic for a new one. You can still use the bot on your own.
invite_confirm = <b>{ $clinic }</b> invited you. If you connect, { $clinic } will see your plan and can send you schedule changes. Connect?
btn_join_yes = Connect me
btn_join_no = Not now
join_declined = Nothing has changed: no clinic sees your plan through this link.
joined_clinic = You are now connected with <b>{ $clinic }</b>. They can see your plan and send you schedule changes.
# Staff
staff_help =
    <b>Staff commands for { $clinic }</b>
    { $commands }
    /closed DATE to DATE moves the day's sessions to a day you choose.
today_header = <b>{ $day }</b> at { $clinic }: { $count }
week_header = <b>The next seven days</b> at { $clinic } ({ $first } to { $last }): { $count }
no_sessions = No sessions.
session_line = { $time }  { $name }: session { $number } of { $total }, { $state }
session_confirmed = confirmed ✅
session_planned = not yet confirmed
session_done = done
sessions_count =
    { $count ->
        [one] { $count } session
       *[other] { $count } sessions
    }
patients_count =
    { $count ->
        [one] { $count } patient
       *[other] { $count } patients
    }
closed_usage = Please give the day the clinic is closed, for example <code>/closed 14 Dec</code>, or a day to move its sessions to: <code>/closed 14 Dec to 16 Dec</code>.
closed_unreadable = I couldn't read “{ $text }” as a date. Try, for example, <code>/closed 14 Dec</code> or <code>/closed 2026-12-14</code>.
closed_past = { $day } has already passed: only today or later can be closed.
closed_target_before = The new day must be after { $day }.
closed_already = { $day } is already marked closed (its sessions moved to { $moved }).
closed_nothing = No sessions of { $clinic }'s patients are booked at the clinic on { $day }: nothing to move.
closed_preview =
    <b>Closing { $day }</b>
    { $patients }, { $sessions } will move to <b>{ $target }</b>, at the same times; their later sessions keep their spacing.
    Each patient gets the new time, with buttons to accept it or ask for another.

    { $lines }
btn_closed_confirm = Close the day and move them
btn_cancel = Cancel
closed_cancelled = Nothing was changed.
closing = Closing { $day }…
closed_done = { $day } is closed: { $sessions } of { $patients } moved to { $target }. Sending the notices now.
closure_notice =
    <b>{ $clinic } is closed on { $day }.</b>
    Your session { $number } of { $total } has moved to <b>{ $when }</b>. Your later sessions keep their spacing.
    Does the new time work for you?
btn_accept_time = That works
btn_other_time = Ask for another time
closure_accepted = Thank you: see you on { $when }.
broadcast_ask_text = What should the message say? Send it as your next message (or /cancel). Patients will see it as a message from { $clinic }.
broadcast_empty = The message is empty: please send the text you want patients to get.
broadcast_too_long = That message is { $length } characters; the limit is { $limit }. Please shorten it and send it again.
broadcast_ask_audience = Who should get it?
btn_audience_all = All active patients
btn_audience_day = Patients with a session on a day
btn_audience_range = Patients with a session in a date range
broadcast_ask_day = Which day? For example <code>14 Dec</code>.
broadcast_ask_range = Which dates? For example <code>14 Dec to 20 Dec</code>.
broadcast_bad_day = I couldn't read “{ $text }” as a day. Try, for example, <code>14 Dec</code>.
broadcast_bad_range = I couldn't read “{ $text }” as two dates, the second not before the first. Try, for example, <code>14 Dec to 20 Dec</code>.
audience_all = all active patients
audience_day = patients with a session on { $day }
audience_range = patients with a session from { $first } to { $last }
broadcast_preview =
    <b>Preview</b> (to { $audience }: <b>{ $count }</b>)

    { $text }
broadcast_nobody = No patients match ({ $audience }). Choose another audience, or /cancel.
btn_broadcast_send = Send to { $count }
btn_broadcast_audience = Change the audience
broadcast_cancelled = The broadcast was cancelled; nothing was sent.
nothing_to_cancel_staff = There is nothing to cancel.
broadcast_message =
    <b>Message from { $clinic }</b>

    { $text }
progress = { $title }: sending… { $done } of { $total }
report =
    <b>{ $title }: done</b>
    Delivered: { $delivered } of { $total }
    Blocked the bot: { $blocked }
    Failed: { $failed }
report_who = { $label }: { $names }
report_blocked = Blocked
report_failed = Failed
report_more = and { $count } more
title_broadcast = Broadcast #{ $number }
title_closure = Closure notices for { $day }
request_move =
    🔁 <b>{ $name }</b> asks to move session { $number } of { $total } ({ $when }).
    Plan: { $plan }
request_urgent =
    ⚠️ <b>Urgent: { $name }</b> wrote: “{ $words }”
    Warning signs: { $signs }. The bot told them to contact a doctor now or emergency services.
    Plan: { $plan }
request_other_time =
    🔁 <b>{ $name }</b> cannot make the new time of session { $number } of { $total } ({ $when }) and asks for another.
    Plan: { $plan }
staff_plan_line = { $setting }, every { $interval } days, { $total } sessions, next: { $next }
plan_none = no active plan
btn_propose = Propose a time
btn_handled = Mark as handled
requests_none = No open requests.
requests_header = <b>Open requests</b>: { $count }
request_pick_day = New day for { $name }'s session { $number }:
closed_day_pick = The clinic is closed on { $day }: please choose another day.
request_pick_time = What time on { $day }?
request_proposed = Proposed { $when } to { $name }. I'll tell you when they answer.
request_handled = Marked as handled.
request_gone = That request is already settled.
proposal =
    <b>{ $clinic }</b> proposes a new time for your session { $number } of { $total }: <b>{ $when }</b>.
    Does it work for you?
proposal_accepted_staff = ✅ { $name } accepted { $when } for session { $number }.
proposal_declined_staff = 🔁 { $name } cannot make { $when } for session { $number } and asks for another time.
move_requested = I've asked { $clinic } to find a new time for session { $number }. They will send you a proposal here; you can also reach them: { $contact }.
time_taken = That time has already passed: please choose another.
staff_list =
    <b>Staff of { $clinic }</b>
    { $lines }

    Admins can use <code>/staff add USER_ID</code>, <code>/staff add USER_ID admin</code> and <code>/staff remove USER_ID</code>.
staff_line = { $user } ({ $role })
hours_show = { $clinic } takes sessions: <b>{ $hours }</b>.
    Admins change this with <code>/hours Mon-Fri 09:00-19:00</code>, or <code>/hours off</code> for any day and time.
hours_any = any day, any time
hours_set = Done: { $clinic } takes sessions <b>{ $hours }</b>. From now on, closures, moves, proposals and resumed courses land only then (on the next open slot, and the patient is told); sessions already booked stay where they are.
hours_admin_only = Only the clinic's admins can change the opening hours.
hours_usage = I could not read those hours. Write the days and the times sessions may start, e.g. <code>/hours Mon-Fri 09:00-19:00</code> or <code>/hours Mon,Wed,Sat 10-16</code>, or <code>/hours off</code>.
staff_admin_only = Only the clinic's admins can change the staff list.
staff_added = User { $user } is now { $role } of { $clinic }.
staff_removed = User { $user } is no longer staff of { $clinic }.
staff_usage = Use <code>/staff add USER_ID</code>, <code>/staff add USER_ID admin</code> or <code>/staff remove USER_ID</code>.
closed_target_closed = The clinic is closed on { $target } too: please choose another day.
closed_too_far = That is more than a year away: please choose a closer day.
staff_not_changed = I couldn't change that for user { $user }: they may work for another clinic, may not be on your staff list, or may be your only admin.
proposal_accepted = Thank you: the new time is in your plan.
proposal_declined = Understood: I've asked your clinic for another time. They will send you a new proposal here.
patients_card_hint = A patient's card, with their sessions and what you can change: <code>/patient 12</code> (the number after their name).
card_header = <b>{ $name }</b>, { $status }
card_blocked = has blocked the bot
card_plan = Plan: { $plan }
card_waiting = Messages waiting to be sent to them: { $count }, the next { $when }.
card_no_waiting = No messages waiting to be sent to them.
card_checkins = <b>Latest check-in answers</b>
card_checkin = Session { $number }: { $answer } ({ $when })
card_warnings = <b>Warning signs reported</b>
card_warning = ⚠️ { $when }: { $signs }. “{ $words }”
card_usage = Send /patient and the number /patients shows after the name, e.g. <code>/patient 12</code>.
card_no_patient = { $clinic } has no patient #{ $id }. /patients lists them.
btn_card_time = Propose a time for session { $number }
btn_card_plan = Change spacing or length
plan_pick_interval = New spacing for { $name } (now every { $interval } days). The next session keeps its time; the later ones follow the new spacing.
plan_pick_count = Every { $interval } days: how many sessions in all for { $name }? (now { $total })
plan_offered = Sent to { $name }: every { $interval } days, { $total } sessions in all. You will hear their answer.
plan_not_possible = That change no longer fits the plan (it changed, ended, or has more sessions behind it). Open the card again with /patient.
plan_accepted_staff = ✅ { $name } accepted the new plan: every { $offered_interval } days, { $offered_total } sessions. Plan: { $plan }
plan_declined_staff = ↩️ { $name } keeps their plan (you offered every { $offered_interval } days, { $offered_total } sessions). Plan: { $plan }
plan_offer =
    <b>{ $clinic }</b> proposes a change to your course: a session every { $interval } days, { $total } sessions in all (now every { $was_interval } days, { $was_total } sessions). Your next session keeps its time; the later ones follow the new spacing.
    Do you agree?
btn_plan_accept = Yes, change my plan
btn_plan_keep = Keep my plan
plan_offer_accepted = Your plan is changed, and your reminders follow it.
plan_offer_kept = Your plan stays as it is; your clinic has been told.
plan_offer_gone = That offer is no longer open: your plan has changed since, or you answered it already. /plan shows your course.
patients_header = <b>Patients of { $clinic }</b>: { $count }
patient_line = { $name }: next session { $number } of { $total }, { $when } ({ $status })
patient_no_plan = { $name }: no plan yet (intake not finished)
patient_inactive = { $name }: has blocked the bot
plan_state_active = active
plan_state_paused = paused
patient_progress = ↳ Hair check-in { $date }: shedding { $shedding }, hair { $rating } of 5
