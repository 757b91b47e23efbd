package dev.emporium.order.catalog;

import dev.emporium.product.api.v1.GetProductsRequest;
import dev.emporium.product.api.v1.GetProductsResponse;
import dev.emporium.product.api.v1.ProductCatalogGrpc;
import dev.emporium.product.api.v1.ProductSummary;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A product service for tests: a real gRPC server on a random port implementing the product
 * service's proto with products the test puts in, and faults it can switch on (an error status, a
 * delay beyond the order service's deadline).
 */
public final class FakeProductCatalog extends ProductCatalogGrpc.ProductCatalogImplBase {

  private final Map<String, ProductSummary> products = new ConcurrentHashMap<>();
  private final AtomicReference<Status> failure = new AtomicReference<>();
  private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
  private final AtomicInteger calls = new AtomicInteger();
  private final Server server;

  private FakeProductCatalog() {
    try {
      server = ServerBuilder.forPort(0).addService(this).build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
  }

  public static FakeProductCatalog start() {
    return new FakeProductCatalog();
  }

  /** The Spring gRPC target of this server. */
  public String target() {
    return "static://127.0.0.1:" + server.getPort();
  }

  /** Adds (or reprices) a product; returns its id. */
  public String put(String id, String name, String price, String currency, boolean active) {
    products.put(id, ProductSummary.newBuilder().setId(id).setName(name).setPrice(price).setCurrency(currency)
        .setActive(active).build());
    return id;
  }

  public String add(String name, String price) {
    return put(UUID.randomUUID().toString(), name, price, "EUR", true);
  }

  public void failWith(Status status) {
    failure.set(status);
  }

  public void answerAfter(Duration duration) {
    delay.set(duration);
  }

  public void heal() {
    failure.set(null);
    delay.set(Duration.ZERO);
  }

  public int calls() {
    return calls.get();
  }

  @Override
  public void getProducts(GetProductsRequest request, StreamObserver<GetProductsResponse> response) {
    calls.incrementAndGet();
    try {
      Thread.sleep(delay.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Status status = failure.get();
    if (status != null) {
      response.onError(status.asRuntimeException());
      return;
    }
    GetProductsResponse.Builder answer = GetProductsResponse.newBuilder();
    request.getIdsList().stream().map(products::get).filter(p -> p != null).forEach(answer::addProducts);
    response.onNext(answer.build());
    response.onCompleted();
  }
}
