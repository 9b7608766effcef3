"""Reads a file `/export` or `open --export` wrote, with Python's plain json module, and prints what it holds, one
line per item, for the Swift test to compare:

HAR:        entry <url> <status>            then   <type> <opcode> <data>      (data as written: text or base64)
            comment <text>                  when the log's comment says something is missing
JSON Lines: <id> <direction> <type> <opcode or -> <text>   (text: the frame's text, a note's text, or -)

Exits 1 with the rule that failed: a HAR entry or message missing a field Chrome's format has, a JSON Lines line
that is not one JSON object, or ids that do not increase."""
import json
import sys

path = sys.argv[1]
if path.endswith(".jsonl"):
    previous = 0
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            record = json.loads(line)
            assert isinstance(record, dict), f"line {number}: not an object"
            assert record["id"] > previous, f"line {number}: id {record['id']} after {previous}"
            previous = record["id"]
            assert isinstance(record["unixTime"], float), f"line {number}: unixTime"
            text = record.get("text", "-")
            print(record["id"], record["direction"], record["type"], record.get("opcode", "-"), text)
else:
    with open(path, encoding="utf-8") as f:
        har = json.load(f)
    log = har["log"]
    assert log["version"] == "1.2" and log["creator"]["name"] == "wsinspect", "log.version / creator"
    if "comment" in log:
        print("comment", log["comment"])
    for i, entry in enumerate(log["entries"]):
        assert entry["_resourceType"] == "websocket", f"entries[{i}]._resourceType"
        assert entry["request"]["method"] == "GET", f"entries[{i}].request.method"
        print("entry", entry["request"]["url"], entry["response"]["status"])
        for j, m in enumerate(entry["_webSocketMessages"]):
            assert set(m) == {"type", "time", "opcode", "data"}, f"entries[{i}]._webSocketMessages[{j}]: keys {sorted(m)}"
            assert m["type"] in ("send", "receive") and isinstance(m["time"], float), f"entries[{i}]._webSocketMessages[{j}]"
            print(m["type"], m["opcode"], m["data"])
