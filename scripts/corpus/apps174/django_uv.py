"""Round 174: round 108's Fernhill Django app (apps108/django_app.py) served as
ASGI for uvicorn (`django_uv:application`), with two routes added to its
URLconf before the first request:
  DELETE /api/carts/<id>  -> an empty 204;
  GET /api/catalog        -> JSON with Django's @etag decorator: its own 304
                             on a matching If-None-Match.
"""
import django_app  # configures settings and the URLconf
from django.core.asgi import get_asgi_application
from django.http import HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import etag, require_http_methods


@csrf_exempt
@require_http_methods(["DELETE"])
def delete_cart(request, cid):
    return HttpResponse(status=204)


@etag(lambda request: "fh-catalog-v2")
def catalog(request):
    return JsonResponse({"items": [{"sku": "FH-MUG", "price": "9.00"}]})


django_app.urlpatterns += [path("api/carts/<str:cid>", delete_cart), path("api/catalog", catalog)]

application = get_asgi_application()
