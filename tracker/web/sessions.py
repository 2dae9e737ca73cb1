"""Session cookies that several app servers can read although their clocks differ by a little.

Flask signs the session cookie with the time (whole seconds) and refuses, besides a cookie that is too old, one
signed "in the future". Behind a load balancer the cookie one server set a moment ago is read by another; if that
one's clock is a few milliseconds behind and a second just turned, the cookie looked like it came from the future:
refused, the user logged out (seen in tests/test_two_servers.py). A clock difference of up to CLOCK_SKEW_SECONDS is
accepted; keep the servers' clocks in sync (NTP) all the same.
"""
from __future__ import annotations

from flask.sessions import SecureCookieSessionInterface
from itsdangerous import SignatureExpired, TimestampSigner, URLSafeTimedSerializer

CLOCK_SKEW_SECONDS = 5


class SkewTolerantSigner(TimestampSigner):
    def unsign(self, signed_value, max_age=None, return_timestamp=False):
        value, signed_at = super().unsign(signed_value, max_age=None, return_timestamp=True)
        age = self.get_timestamp() - int(signed_at.timestamp())
        if max_age is not None and age > max_age:
            raise SignatureExpired(f"Signature age {age} > {max_age} seconds", payload=value, date_signed=signed_at)
        if age < -CLOCK_SKEW_SECONDS:
            raise SignatureExpired(f"Signature age {age} < -{CLOCK_SKEW_SECONDS} seconds", payload=value,
                                   date_signed=signed_at)
        return (value, signed_at) if return_timestamp else value


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with SkewTolerantSigner."""

    def get_signing_serializer(self, app):
        if not app.secret_key:
            return None
        keys = [*(app.config.get("SECRET_KEY_FALLBACKS") or []), app.secret_key]  # the current key last
        return URLSafeTimedSerializer(keys, salt=self.salt, serializer=self.serializer, signer=SkewTolerantSigner,
                                      signer_kwargs={"key_derivation": self.key_derivation,
                                                     "digest_method": self.digest_method})
