"""Security headers on static files. WhiteNoise answers them before the clickjacking and CSP
middleware run, so what those add to pages is added here: a stylesheet, script or font is
never framed and runs nothing of its own."""

STATIC_CSP = "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data:"


def add_security_headers(headers, path, url):
    headers["X-Frame-Options"] = "DENY"
    headers["Content-Security-Policy"] = STATIC_CSP
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
