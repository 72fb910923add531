doctor_pointer = If you have questions or concerns, please contact your doctor.
doctor_pointer_clinic = If you have questions or concerns, please contact your clinic ({ $clinic }) or your own doctor.
reminder_eve =
    A reminder: <b>session { $number } of { $total }</b> is coming up, { $when }.

    Will you be there?
reminder_eve_home =
    A reminder: <b>session { $number } of { $total }</b> of your at-home course is planned for { $when }.

    If that time no longer suits you, you can move it.
reminder_soon = Your next session is coming up in a few hours: { $when }.
reminder_soon_home = Your next at-home session is planned for a few hours from now: { $when }.
session_check = Did <b>session { $number }</b> ({ $when }) take place?
btn_will_attend = I'll be there
btn_need_move = I need to move it
btn_done = Done
btn_skip = Skip
btn_move = Move
btn_happened = Yes, it happened
btn_not_happened = No, it didn't
btn_checkin_fine = All fine
btn_checkin_mild = Some redness, swelling or bruising
btn_checkin_worried = Something worries me
btn_bruise_gone = Yes, it's gone
btn_bruise_still = No, it's still there
attend_noted = Thank you, I've noted that you'll be there.
session_marked_done = Session { $number } is marked as done. Well done!
session_marked_skipped = All right, I've marked this session as skipped.
reminder_out_of_date = This reminder is out of date: your plan has changed since I sent it. /next shows your next session.
move_pick_date =
    What is the new date for <b>session { $number }</b>? Pick a day below.

    The sessions after it will move along with it, so the gaps between them stay the same.
moved =
    Done: <b>session { $number }</b> is now on { $when }. The sessions after it have moved too.

    /plan shows the whole course.
paused = Your course is paused. I won't send any reminders until you send /resume.
resumed = Your course is running again from { $when }, and reminders are back on. /plan shows the dates.
nothing_to_pause = There is nothing to pause right now.
nothing_to_resume = Your course isn't paused, so there is nothing to resume.
checkin_thanks = Thank you for letting me know.
bruise_noted = Thank you, I've noted that the bruising has gone.
reminders_settings = 
    <b>Your reminders</b>
    The evening before: { $evening }
    Before the session: { $soon }
    Quiet hours: { $quiet }
    
    Tap below to change them.
reminders_off = off
reminders_at = at { $time }
reminders_before =
    { $hours ->
        [one] 1 hour before
       *[other] { $hours } hours before
    }
reminders_quiet = 
    { $start } to { $end }
reminders_quiet_none = None
btn_evening_on = Turn on the evening reminder
btn_evening_off = Turn off the evening reminder
btn_soon_on = Turn on the reminder before
btn_soon_off = Turn off the reminder before
btn_later_1h = Remind me in 1 hour
btn_later_3h = In 3 hours
later_set = I'll remind you again at { $time }.
later_too_late = The session starts before then, so this is the last reminder.
reminder_later = A reminder, as you asked: <b>session { $number } of { $total }</b> is on { $when }.
progress_checkin = <b>A monthly check-in on your hair.</b> Compared with before your course, how much hair are you shedding?
btn_shed_1 = Much less
btn_shed_2 = Less
btn_shed_3 = About the same
btn_shed_4 = More
btn_shed_5 = Much more
progress_ask_rating = And how would you rate your hair now, from 1 (very unhappy) to 5 (very happy)?
progress_thanks = Thank you, noted. /progress shows your answers over time.
progress_none = You haven't answered a progress check-in yet. The first comes a month after your first session.
progress_summary = On { $date } you said: shedding { $shedding }; your hair { $rating } of 5. In the chart, blue is your rating and orange your shedding (lower is less), grey lines are your sessions.
progress_shed_1 = much less than before
progress_shed_2 = less than before
progress_shed_3 = about the same as before
progress_shed_4 = more than before
progress_shed_5 = much more than before
report_progress = Progress check-ins
report_shedding = Shedding
report_rating = Hair (1 to 5)
