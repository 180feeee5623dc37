package dev.steward.common.http;

import dev.steward.common.error.CommonErrorCode;
import dev.steward.common.error.ErrorCode;
import dev.steward.common.error.Problem;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.json.JsonMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Answers a request whose head Netty could not decode (a request line over the limit, headers over
 * the limit, garbage) with the right status (414, 431, 400) as problem+json and
 * {@code Connection: close}, then closes. Left to the framework, such a request got a 413 "body too
 * large" as an HTTP/1.0 response without {@code Connection: close}; the JDK's client then sent its
 * next request on the connection the server was closing, and that request got no answer at all.
 */
@Singleton
@Requires(classes = NettyServerCustomizer.class)
public class UnreadableRequestHead implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private static final String HANDLER = "steward-unreadable-request-head";

    private final JsonMapper json;

    public UnreadableRequestHead(JsonMapper json) {
        this.json = json;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    /** The status a decoding failure gets. */
    static ErrorCode codeFor(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return CommonErrorCode.URI_TOO_LONG;
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return CommonErrorCode.HEADERS_TOO_LARGE;
        }
        return CommonErrorCode.MALFORMED_REQUEST;
    }

    private final class Customizer implements NettyServerCustomizer {

        private final Channel channel;

        private Customizer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return new Customizer(channel);
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel != null && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                    && channel.pipeline().get(HANDLER) == null) {
                channel.pipeline().addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, HANDLER, new Refuser());
            }
        }
    }

    private final class Refuser extends ChannelInboundHandlerAdapter {

        private boolean refused;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws IOException {
            if (refused) {
                ReferenceCountUtil.release(msg); // the rest of a request already answered
                return;
            }
            DecoderResult result = msg instanceof HttpObject object ? object.decoderResult() : DecoderResult.SUCCESS;
            if (result.isSuccess()) {
                ctx.fireChannelRead(msg);
                return;
            }
            refused = true;
            ReferenceCountUtil.release(msg);
            ErrorCode code = codeFor(result.cause());
            byte[] body = json.writeValueAsBytes(Problem.of(code, result.cause().getMessage(), null));
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(code.status().getCode()), Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
