import logging

from django.apps import AppConfig

logger = logging.getLogger("lantern.reporting")


class ReportingConfig(AppConfig):
    name = "lantern.reporting"
    label = "reporting"
    verbose_name = "Confidential reporting line"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from lantern.reporting.crypto import line_key_configured

        # An integration is on only when its configuration is present: without a
        # key the line's pages say it is closed, and this says why at startup.
        if not line_key_configured():
            logger.warning(
                "The confidential reporting line is off: LANTERN_REPORTING_KEY is not set "
                "(32 random bytes in base64, e.g. from "
                "base64.urlsafe_b64encode(os.urandom(32)))."
            )
