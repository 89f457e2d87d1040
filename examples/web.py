# A small web page served through the HTTP trigger: GET /fn/NAME?name=Ada, or POST a name.
# The request arrives CGI-style (REQUEST_METHOD, QUERY_STRING, PATH_INFO, HTTP_*), and the
# header block at the start of the output sets the reply's content type.
import html
import os
import sys
from urllib.parse import parse_qs

name = parse_qs(os.environ.get("QUERY_STRING", "")).get("name", ["world"])[0]
if os.environ.get("REQUEST_METHOD") == "POST":
    name = sys.stdin.read().strip() or name
greeting = os.environ.get("GREETING", "Hello")

print("Content-Type: text/html; charset=utf-8")
print()
print(f"<h1>{html.escape(greeting)}, {html.escape(name)}!</h1>")
print(f"<p>{os.environ['REQUEST_METHOD']} {html.escape(os.environ.get('PATH_INFO', '') or '/')}</p>")
