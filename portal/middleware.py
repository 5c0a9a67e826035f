from django.conf import settings
from django.utils import translation


class ChosenLanguageMiddleware:
    """French unless the visitor picked another language with the switch (the language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language; the portal is a French
    public service whose content is written in French, so only an explicit choice changes it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
