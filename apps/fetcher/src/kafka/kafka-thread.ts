/**
 * The fetcher's producers, on a thread of their own (kafka-thread-client.ts starts it). kafkajs
 * encodes, checksums and compresses every record on the thread that sends it; here that work
 * and the wait for the broker's acknowledgement no longer queue behind the main thread's
 * listing and normalizing, and use a second core when there is one.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createEventProducer, createKafka, type KafkaConnection } from "@lumasnip/bus";
import { createLogger, kafkaLogCreator } from "@lumasnip/service";
import { useGzipLevel } from "../cli/gzip-codec.ts";
import { createStateWriter } from "../state/state-writer.ts";
import {
  AFTER_FAILURE,
  type CommitReply,
  type KafkaReply,
  type KafkaRequest,
  toThreadError,
  unpack,
} from "./protocol.ts";

export interface KafkaThreadData {
  connection: KafkaConnection;
  dlqTopic: string;
  stateTopic: string;
  logLevel: string;
}

const port = parentPort!;
const data = workerData as KafkaThreadData;
const reply = (message: KafkaReply) => port.postMessage(message);

const logger = createLogger({ name: "fetcher", level: data.logLevel, base: { thread: "kafka" } });
const kafka = createKafka(data.connection, { logCreator: kafkaLogCreator(logger) });
useGzipLevel();

try {
  const producer = await createEventProducer(kafka, { dlqTopic: data.dlqTopic, stage: "fetcher" });
  const stateWriter = await createStateWriter(kafka, data.stateTopic).catch(async (error) => {
    await producer.disconnect();
    throw error;
  });
  const failed = new Set<string>();
  const handle = async (request: KafkaRequest): Promise<unknown> => {
    switch (request.op) {
      case "send":
        // every value of an event is a Buffer (serialized JSON): the bus sends it as it is
        return producer.send(request.topic, unpack(request.records));
      case "dlq":
        return producer.sendDlq(request.records);
      case "state":
        return stateWriter.write(unpack(request.records));
      case "commit": {
        if (failed.has(request.lane)) {
          const error = new Error("not sent: an earlier commit of this source failed");
          error.name = AFTER_FAILURE;
          throw error;
        }
        const started = performance.now();
        try {
          const { keys, values } = request.events;
          const sent = await producer.send(
            request.topic,
            keys.map((key, i) => ({ key, value: Buffer.from(values[i]!) })),
          );
          if (request.dlq.length > 0) await producer.sendDlq(request.dlq);
          // the events are acknowledged: from here on a failure leaves the state unsaved
          try {
            await stateWriter.write(unpack(request.state));
          } catch (error) {
            failed.add(request.lane);
            const reply: CommitReply = {
              sent,
              stateError: toThreadError(error),
              ms: performance.now() - started,
            };
            return reply;
          }
          const reply: CommitReply = { sent, ms: performance.now() - started };
          return reply;
        } catch (error) {
          failed.add(request.lane);
          throw error;
        }
      }
      case "reset":
        failed.delete(request.lane);
        return undefined;
      case "close":
        await Promise.allSettled([producer.disconnect(), stateWriter.disconnect()]);
        return undefined;
    }
  };
  // one request at a time, in the order sent: a commit's state goes before the next one's events
  let queue: Promise<unknown> = Promise.resolve();
  port.on("message", (request: KafkaRequest) => {
    const run = queue.then(() => handle(request));
    queue = run.catch(() => {});
    run.then(
      (result) => {
        reply({ id: request.id, ok: true, result });
        // nothing else keeps the thread alive once the producers are gone
        if (request.op === "close") port.close();
      },
      (error) => reply({ id: request.id, ok: false, error: toThreadError(error) }),
    );
  });
  reply({ ready: true });
} catch (error) {
  reply({ fatal: toThreadError(error) });
}
