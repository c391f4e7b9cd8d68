"""Round-54 corpus: the HTML error pages the Python apps write themselves
when a service they call fails (a payment provider, a carrier, a status
page). These are the app's own 502/503/504 pages, not a front's."""

PAGES = {
    502: ("502 Bad Gateway", "Bad Gateway",
          "The payment provider answered with something we could not read. Your order has not been charged."),
    503: ("503 Service Unavailable", "Service Unavailable",
          "Order tracking is paused while we move warehouses. Please try again in a few minutes."),
    504: ("504 Gateway Timeout", "Gateway Timeout",
          "The carrier did not answer in time. Your parcel is not lost; try again shortly."),
}


def page(status):
    title, h1, text = PAGES[status]
    return ("<!doctype html>\n<html><head><title>%s</title></head>\n<body>\n<h1>%s</h1>\n<p>%s</p>\n"
            "<hr><p>Parcelworks order desk</p>\n</body></html>\n" % (title, h1, text))
