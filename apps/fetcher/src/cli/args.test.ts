import { describe, expect, it } from "vitest";
import { parseCliArgs, UsageError } from "./args.ts";

describe("parseCliArgs", () => {
  it("reads each command", () => {
    expect(parseCliArgs(["run"]).command).toBe("run");
    expect(parseCliArgs(["sync", "--once"])).toMatchObject({ command: "sync", once: true, full: false });
    expect(parseCliArgs(["sync", "--full", "--source", "a", "--source", "b"])).toMatchObject({
      full: true,
      sources: ["a", "b"],
    });
    expect(parseCliArgs(["reconcile", "--allow-mass-delete"])).toMatchObject({
      command: "reconcile",
      allowMassDelete: true,
    });
    expect(parseCliArgs(["state", "show", "--items"])).toMatchObject({ command: "state-show", items: true });
    expect(parseCliArgs(["check", "--config", "x.json"])).toMatchObject({
      command: "check",
      config: "x.json",
    });
  });

  it("shows help for --help, no command or help", () => {
    for (const argv of [["--help"], [], ["help"], ["run", "-h"]])
      expect(parseCliArgs(argv).command).toBe("help");
  });

  it("refuses what does not make sense, saying why", () => {
    const bad: [string[], RegExp][] = [
      [["sync"], /exactly one of --once or --full/],
      [["sync", "--once", "--full"], /exactly one/],
      [["run", "--once"], /go with sync/],
      [["sync", "--once", "--allow-mass-delete"], /goes with reconcile/],
      [["state"], /state show/],
      [["fetch"], /unknown command "fetch"/],
      [["run", "--colour"], /Unknown option/],
      [["reconcile", "--wait-lock", "soon"], /--wait-lock/],
    ];
    for (const [argv, message] of bad) expect(() => parseCliArgs(argv)).toThrow(message);
    expect(() => parseCliArgs(["sync"])).toThrow(UsageError);
  });
});
