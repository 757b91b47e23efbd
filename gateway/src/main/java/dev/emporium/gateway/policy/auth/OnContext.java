package dev.emporium.gateway.policy.auth;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionStage;

/**
 * Brings a result back to the request's own event loop. Key sets and introspection answers are
 * shared by all event loops, so whichever loop completes a fetch would otherwise run every waiting
 * request's continuation on itself.
 */
public final class OnContext {

  private OnContext() {}

  public static <T> Future<T> resume(Future<T> future) {
    Context context = Vertx.currentContext();
    if (context == null || future.isComplete()) return future;
    Promise<T> promise = Promise.promise();
    future.onComplete(ar -> {
      if (Vertx.currentContext() == context) {
        promise.handle(ar);
      } else {
        context.runOnContext(v -> promise.handle(ar));
      }
    });
    return promise.future();
  }

  public static <T> Future<T> resume(CompletionStage<T> stage) {
    Context context = Vertx.currentContext();
    Promise<T> promise = Promise.promise();
    stage.whenComplete((value, failure) -> {
      Runnable complete = () -> {
        if (failure != null) promise.fail(failure);
        else promise.complete(value);
      };
      if (context == null || Vertx.currentContext() == context) complete.run();
      else context.runOnContext(v -> complete.run());
    });
    return promise.future();
  }
}
