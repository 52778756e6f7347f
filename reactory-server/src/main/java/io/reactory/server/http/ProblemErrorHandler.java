package io.reactory.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors (a malformed request line, an ambiguous path, headers too large) as problem documents too, so a
 * client sees one error format whatever layer refused it.
 */
final class ProblemErrorHandler extends ErrorHandler {

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
                                                 List<Charset> charsets, int code, String message, Throwable cause) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ProblemMapper.CONTENT_TYPE);
        byte[] body = ProblemMapper.body(ProblemType.forStatus(code), detail(message), null, null, List.of());
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, ProblemMapper.CONTENT_TYPE);
        return ByteBuffer.wrap(ProblemMapper.body(ProblemType.forStatus(status), detail(reason), null, null, List.of()));
    }

    private static String detail(String message) {
        return message == null ? null : Requests.cut(message, 200);
    }
}
