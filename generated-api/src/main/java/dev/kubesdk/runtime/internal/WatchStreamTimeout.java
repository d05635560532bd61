package dev.kubesdk.runtime.internal;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * Lifts the read timeout from the body of a successful watch response, after the headers arrived
 * within it. A watch may rightly stay quiet for as long as the server keeps it open (30 to 60
 * minutes by default); what finds a dead connection instead is the HTTP/2 PING of every connection,
 * and TCP keepalive on HTTP/1.1. Error responses keep the timeout, as their body is short.
 */
final class WatchStreamTimeout implements Interceptor {
  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    if (!response.isSuccessful()) {
      return response;
    }
    // The body's timeout is the stream's on HTTP/2 and the connection's on HTTP/1.1; OkHttp sets
    // both again for the next exchange, so nothing leaks into a later call.
    response.body().source().timeout().timeout(0, TimeUnit.MILLISECONDS);
    Connection connection = chain.connection();
    if (connection != null && response.protocol() == Protocol.HTTP_1_1) {
      Socket socket = connection.socket();
      socket.setSoTimeout(0);
    }
    return response;
  }
}
