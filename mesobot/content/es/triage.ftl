triage_recorded = He tomado nota de lo que me ha contado. Cuando haya leído el mensaje de arriba, podemos seguir donde estábamos.
