"""One layout for every email of the portal: the text signed with the public address, and the
same text as HTML in the portal's frame. Applied by the outbox backend to every message, so an
email written anywhere (allauth, promotions, forum, webinars…) looks the same."""

from django.template.loader import render_to_string

from portal.public_url import SITE_NAME, absolute_url, base_url

SIGNATURE_SEPARATOR = "\n\n-- \n"


def signed(body):
    """The text body ending with the portal's name and public address (once)."""
    if base_url() and base_url() in body[-300:]:
        return body
    return f"{body.rstrip()}{SIGNATURE_SEPARATOR}{SITE_NAME}\n{absolute_url('/')}\n"


def html_version(subject, body):
    """The text body in the portal's HTML frame, with the public address."""
    return render_to_string(
        "outbox/email/layout.html",
        {
            "subject": subject,
            "body": body.split(SIGNATURE_SEPARATOR)[0],
            "site_name": SITE_NAME,
            "public_url": absolute_url("/"),
        },
    )


def apply_layout(email):
    """Signs the text of an OutgoingEmail and, unless it has its own, adds the HTML version."""
    email.body = signed(email.body)
    if not any(mimetype == "text/html" for _content, mimetype in email.alternatives):
        email.alternatives.append([html_version(email.subject, email.body), "text/html"])
    return email
