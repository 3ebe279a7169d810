"""Who is asking: the visitor's IP address for the rate limits of the site's public forms (registration, event
sign-up, hybride match, conversation tool), also behind trusted proxies."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The visitor's address. Behind ``RECRUITMENT_TRUSTED_PROXIES`` proxies it is read from X-Forwarded-For,
    counting from the right (what the nearest proxy saw), so a visitor cannot pick their own address. An IPv6
    address counts per /64 network, as one household or phone usually has a whole /64."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.RECRUITMENT_TRUSTED_PROXIES
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)
