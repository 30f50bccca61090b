"""Alerts: rules over the practice's own figures, evaluated periodically, delivered once per
firing (e-mail, webhook) and announced again when they resolve."""
