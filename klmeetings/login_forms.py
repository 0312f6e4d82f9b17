"""The two login forms (the members' and the admin's) with a limit on the password's length:
a megabyte typed into a public form never reaches the password hasher."""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

PASSWORD_MAX_LENGTH = 1024


class LimitedPassword:
    def clean(self):
        # Before authenticating (AuthenticationForm.clean); shown above the form like a wrong
        # password, since the members' login shows no field errors.
        if len(self.data.get("password", "")) > PASSWORD_MAX_LENGTH:
            raise ValidationError(f"Adgangskoden må højst være {PASSWORD_MAX_LENGTH} tegn.")
        return super().clean()


class LoginForm(LimitedPassword, AuthenticationForm):
    pass


class AdminLoginForm(LimitedPassword, AdminAuthenticationForm):
    pass
