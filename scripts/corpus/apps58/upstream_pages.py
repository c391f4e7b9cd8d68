"""Round-58 corpus (copied from round 55 unchanged): the HTML error pages the Python apps write themselves
when a service they depend on fails (the card processor, the statement
renderer, the bank feed). They are the app's pages, not a front's."""

PAGES = {
    502: ("502 Bad Gateway", "Bad Gateway",
          "The card processor sent back a reply we could not parse. No payment was taken."),
    503: ("503 Service Unavailable", "Service Unavailable",
          "Statements are being regenerated for the new tax year. Please come back in a few minutes."),
    504: ("504 Gateway Timeout", "Gateway Timeout",
          "The bank feed did not answer in time. Your balances are unchanged; try again shortly."),
}


def page(status):
    title, h1, text = PAGES[status]
    return ("<!doctype html>\n<html><head><title>%s</title></head>\n<body>\n<h1>%s</h1>\n<p>%s</p>\n"
            "<hr><p>Ledgerly invoicing</p>\n</body></html>\n" % (title, h1, text))
