#!/usr/bin/env python3
"""newsgraph on Spark: JSONL articles in, N-Quads part files out, bad records reported.

Copy this job and run it with spark-submit (or python, with pyspark installed):

    spark-submit --master yarn scripts/spark/extract_job.py \\
        --binary ./newsgraph --partitions 64 hdfs:///news/articles.jsonl hdfs:///news/graph-nq

Each line of the input is one article as `newsgraph build` reads JSONL: `id` and `text`
required, `title`, `date`, `url`, `source`, `author` optional (`newsgraph ingest` writes such
lines from text files, web pages and WARC archives). The driver ships the binary to the workers
with `SparkContext.addFile`; each task finds its copy with `SparkFiles.get` and pipes its
partition through `newsgraph extract - --jobs 1`, as `RDD.pipe` does, and the N-Quads are saved
as text: `part-00000`, `part-00001`, ... that `newsgraph load OUTPUT_DIR` (or any store's bulk
loader) reads.

A bad record (not JSON, not an object, no `id` or `text`, ...) fails that record only: extract
reports it and exits with 1, the task keeps the other records' quads and sends the message to
the driver, which prints every one on standard error at the end (as `newsgraph build` does)
and exits with 1. Any other exit of extract (2 usage, 3 fatal, a signal) fails the task, so
that Spark tries it again or stops the job: no partition is lost without a word.

The last line on standard output is a summary, one JSON object: partitions, records, articles,
failed records, quads, seconds of the extraction and articles per second.
"""

import argparse
import json
import os
import re
import shlex
import stat
import subprocess
import sys
import threading
import time

from pyspark import AccumulatorParam, SparkConf, SparkContext, SparkFiles

# extract's message for a bad line of standard input: "newsgraph: -:LINE: REASON"
BAD_LINE = re.compile(r"^newsgraph: -:(\d+): (.*)$")


class ListParam(AccumulatorParam):
    """Accumulates lists: the bad records' messages, sent from the tasks to the driver."""

    def zero(self, value):
        return []

    def addInPlace(self, a, b):
        a.extend(b)
        return a


def describe(record):
    """The record's id when it has one, else its beginning: what names it in a message."""
    try:
        value = json.loads(record)
        if isinstance(value, dict) and isinstance(value.get("id"), str):
            return f"id {value['id']!r}"
    except ValueError:
        pass
    return repr(record[:60])


def executable(name):
    """The path of the file the driver shipped with addFile, on this worker, executable."""
    path = SparkFiles.get(name)
    mode = os.stat(path).st_mode
    if not mode & stat.S_IXUSR:
        os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def extract_partition(binary_name, arguments, messages, counts):
    """The function each task runs over its partition: what RDD.pipe does, with the binary
    found on the worker, extract's standard error read, and its exit code checked."""

    def run(index, records):
        command = [executable(binary_name), "extract", "-", "--jobs", "1", *arguments]
        child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        names, errors, broken = [], [], []

        def feed():
            try:
                for record in records:
                    line = record.rstrip("\n")
                    if not line.strip():
                        continue  # extract skips blank lines too
                    names.append(describe(line))  # extract numbers the lines it reads from 1
                    child.stdin.write(line.encode("utf-8") + b"\n")
                child.stdin.close()
            except BrokenPipeError:
                pass  # extract stopped: its exit code says why
            except BaseException as error:  # the input could not be read: fail the task
                broken.append(error)
                child.kill()

        writer = threading.Thread(target=feed)
        reader = threading.Thread(target=lambda: errors.extend(child.stderr.read().decode("utf-8", "replace").splitlines()))
        writer.start()
        reader.start()
        quads = 0
        for line in child.stdout:
            quads += 1
            yield line.decode("utf-8").rstrip("\n")
        writer.join()
        reader.join()
        code = child.wait()
        if broken:
            raise broken[0]
        if code not in (0, 1):  # 2 usage, 3 fatal, or a signal: the task fails, Spark tries again
            raise RuntimeError(f"partition {index}: {shlex.join(command)} exited with {code}: " + " | ".join(errors))
        reported, failed = [], 0
        for message in errors:
            bad = BAD_LINE.match(message)
            if bad and 0 < int(bad.group(1)) <= len(names):
                failed += 1
                message = f"record {bad.group(1)} ({names[int(bad.group(1)) - 1]}): {bad.group(2)}"
            reported.append(f"partition {index}, {message}")
        if code == 1 and not failed:  # no record named: the binary did not run (a loader error)
            raise RuntimeError(f"partition {index}: {shlex.join(command)} exited with 1: " + " | ".join(errors))
        messages.add(reported)
        counts.add([(len(names), failed, quads)])

    return run


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("input", help="JSONL articles: a file, a folder or a glob, local or hdfs://, s3a://")
    parser.add_argument("output", help="folder for the N-Quads part files (must not exist)")
    parser.add_argument("--binary", required=True, help="the newsgraph binary on the driver, shipped with addFile")
    parser.add_argument("--partitions", type=int, default=4, help="at least this many partitions (default 4)")
    parser.add_argument("--master", help="Spark master when not given by spark-submit, e.g. local[2]")
    parser.add_argument("--extract-args", default="", help="more flags for extract, e.g. '--date 2024-05-01'")
    args = parser.parse_args()

    conf = SparkConf().setAppName("newsgraph extract").set("spark.ui.showConsoleProgress", "false")
    if args.master:
        conf.setMaster(args.master)
    sc = SparkContext.getOrCreate(conf)
    sc.setLogLevel("WARN")
    sc.addFile(os.path.abspath(args.binary))
    messages = sc.accumulator([], ListParam())
    counts = sc.accumulator([], ListParam())

    lines = sc.textFile(args.input, minPartitions=args.partitions)
    partitions = lines.getNumPartitions()
    started = time.monotonic()
    run = extract_partition(os.path.basename(args.binary), shlex.split(args.extract_args), messages, counts)
    try:
        lines.mapPartitionsWithIndex(run).saveAsTextFile(args.output)
    finally:
        # the bad records of the tasks that finished, even when another task failed the job
        for message in sorted(messages.value):
            print(f"newsgraph extract: {message}", file=sys.stderr)
        sc.stop()
    seconds = time.monotonic() - started

    records = sum(c[0] for c in counts.value)
    failed = sum(c[1] for c in counts.value)
    summary = {
        "partitions": partitions,
        "records": records,
        "articles": records - failed,
        "failed": failed,
        "quads": sum(c[2] for c in counts.value),
        "seconds": round(seconds, 2),
        "articles_per_second": round((records - failed) / max(seconds, 1e-9), 2),
    }
    print(json.dumps(summary))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
