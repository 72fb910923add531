triage_recorded = I've noted what you told me. Once you have read the message above, we can carry on where we were.
