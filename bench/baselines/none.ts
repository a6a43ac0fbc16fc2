// Cold-start baseline of a function that uses no AWS client (GET /health): an answer and nothing else.
export const handler = async () => ({ statusCode: 200, body: '{"status":"ok"}' });
