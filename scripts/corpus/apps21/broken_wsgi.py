# Round-21 corpus: a WSGI script file that fails to load (a module the
# release forgot to ship), mounted at /api/v2/ by mod_wsgi: Apache answers
# with its own 500 page.
from orders_v2.app import application  # noqa: F401  (no such module)
