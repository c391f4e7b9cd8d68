"""Round-54 corpus: netius's reverse proxy (netius.extra.ReverseProxyServer,
pure Python) as the front of the Muffin app. Routing is by Host:

  orders.parcel.test   -> the Muffin app
  legacy.parcel.test   -> a port where nothing listens
  admin.parcel.test    -> the Muffin app, behind the proxy's own HTTP basic
                          auth (netius writes the 401 itself)

Any other Host gets netius's own 404 ("No proxy endpoint found").
Usage: python netius_proxy.py PORT UPSTREAM_PORT DEAD_PORT"""
import logging
import sys

import netius
from netius.extra.proxy_r import ReverseProxyServer

port, up_port, dead_port = (int(a) for a in sys.argv[1:4])
up = "http://127.0.0.1:%d" % up_port
server = ReverseProxyServer(
    config="/nonexistent/proxy.json",
    hosts={"orders.parcel.test": up, "admin.parcel.test": up,
           "legacy.parcel.test": "http://127.0.0.1:%d" % dead_port},
    auth={"admin.parcel.test": netius.SimpleAuth("ops", "correct-horse")},
    resolve=False,
    level=logging.WARNING,
)
server.serve(host="127.0.0.1", port=port, env=False)
