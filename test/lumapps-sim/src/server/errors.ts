/** Thrown by a route; the server turns it into the v1 or v2 error shape of that route. */
export class SimHttpError extends Error {
  override name = "SimHttpError";
  readonly status: number;
  readonly headers: Record<string, string> | undefined;
  constructor(status: number, message: string, headers?: Record<string, string>) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

export const badRequest = (message: string) => new SimHttpError(400, message);
export const notFound = (message: string) => new SimHttpError(404, message);
