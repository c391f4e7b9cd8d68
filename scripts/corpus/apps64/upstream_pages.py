"""Round-64 corpus (copied from rounds 56 and 60): the HTML error pages the apps write themselves when a
service they depend on fails (a card processor, a catalogue search, a
courier). They are the app's own 502/503/504 pages, not a front's."""

PAGES = {
    502: ("502 Bad Gateway", "Bad Gateway",
          "The card processor sent back a reply we could not understand. Nothing was charged."),
    503: ("503 Service Unavailable", "Service Unavailable",
          "Catalogue search is being reindexed. Please come back in a few minutes."),
    504: ("504 Gateway Timeout", "Gateway Timeout",
          "The courier service took too long to answer. Your loan is still booked."),
}


def page(status):
    title, h1, text = PAGES[status]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title></head>\n"
            "<body>\n<h1>%s</h1>\n<p>%s</p>\n<footer>Tidemark lending desk</footer>\n</body></html>\n"
            % (title, h1, text))
