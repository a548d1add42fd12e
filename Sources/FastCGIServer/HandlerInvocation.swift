/// Calling the app's handler, shared by the FastCGI server and CGI mode.
enum HandlerInvocation {
    /// The handler's response, or a plain 500 if it threw. Nil when the handler failed because
    /// the request body could not be read (client gone): there is nobody to answer.
    static func response(from handler: FastCGIServer.Handler, for request: FastCGIRequest) -> FastCGIResponse? {
        do {
            return try handler(request)
        } catch {
            if request.bodyReadFailed {
                logLine("\(requestSummary(request.params)): request aborted while reading its body (\(error))")
                return nil
            }
            logLine("\(requestSummary(request.params)): handler threw, answering 500: \(error)")
            return .internalServerError
        }
    }
}
