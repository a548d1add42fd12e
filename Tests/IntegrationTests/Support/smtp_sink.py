#!/usr/bin/env python3
"""A local SMTP server for the mail integration tests (aiosmtpd, from PyPI).

    python3 smtp_sink.py PORT DIRECTORY

Listens on 127.0.0.1:PORT. Each message received is written as DIRECTORY/NNNN.eml (the
bytes as received) and DIRECTORY/NNNN.json: the envelope and the message as Python's own
email parser understands it (headers decoded, the text and HTML bodies, each attachment's
name, type and bytes in base64, and any defects the parser found), so the tests check our
MIME output against an independent implementation. Writes DIRECTORY/ready once listening.
Runs until killed.
"""
import base64
import json
import os
import sys
import time
from email import policy
from email.parser import BytesParser

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.directory, "%04d" % self.count)
        raw = envelope.original_content
        message = BytesParser(policy=policy.default).parsebytes(raw)
        defects = [repr(defect) for defect in message.defects]
        for part in message.walk():
            defects += [repr(defect) for defect in part.defects]
        text = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        parsed = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "headers": [[name, str(value)] for name, value in message.items()],
            "content_type": message.get_content_type(),
            "text": text.get_content() if text is not None else None,
            "html": html.get_content() if html is not None else None,
            "attachments": [
                {
                    "filename": part.get_filename(),
                    "content_type": part.get_content_type(),
                    "data": base64.b64encode(part.get_payload(decode=True) or b"").decode("ascii"),
                }
                for part in message.iter_attachments()
            ],
            "defects": defects,
        }
        with open(base + ".eml", "wb") as handle:
            handle.write(raw)
        with open(base + ".json.tmp", "w", encoding="utf-8") as handle:
            json.dump(parsed, handle)
        os.rename(base + ".json.tmp", base + ".json")
        return "250 Message accepted for delivery"


def main():
    port, directory = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Sink(directory), hostname="127.0.0.1", port=port)
    controller.start()
    open(os.path.join(directory, "ready"), "w").close()
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
