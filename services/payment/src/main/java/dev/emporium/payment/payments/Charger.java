package dev.emporium.payment.payments;

import dev.emporium.payment.PaymentProperties;
import dev.emporium.payment.persistence.PaymentRepository;
import dev.emporium.payment.processor.CardProcessor;
import dev.emporium.payment.processor.ChargeRequest;
import dev.emporium.platform.events.trace.TraceContexts;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Takes due payments (PENDING to charge, REFUNDING to refund) from the database and works each on a
 * virtual thread: the call to the processor happens between two short transactions, so no
 * transaction and no Kafka partition waits for it. It takes no more payments at once than the
 * bulkhead has permits. Work is claimed with a lease: a payment whose instance crashed mid-call is
 * taken again after the lease, and the processor's idempotency key turns the repeated call into a
 * replay of the first answer, so nothing is ever charged twice.
 */
@Component
class Charger implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Charger.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(15);

  private final Payments payments;
  private final CardProcessor processor;
  private final ChargerSignal signal;
  private final TraceContexts traces;
  private final PaymentProperties.Charger settings;
  private final Semaphore slots;
  private final int maxSlots;
  private volatile boolean running;
  private Thread loop;
  private ExecutorService workers;

  Charger(Payments payments, CardProcessor processor, ChargerSignal signal, TraceContexts traces,
      PaymentProperties properties) {
    this.payments = payments;
    this.processor = processor;
    this.signal = signal;
    this.traces = traces;
    this.settings = properties.charger();
    this.maxSlots = properties.processor().bulkhead().maxConcurrentCalls();
    this.slots = new Semaphore(maxSlots);
  }

  @Override
  public void start() {
    if (!settings.enabled()) {
      log.info("the charger is disabled in this instance (emporium.payment.charger.enabled=false)");
      return;
    }
    running = true;
    workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("payment-charge-", 0).factory());
    loop = Thread.ofVirtual().name("payment-charger").start(this::run);
  }

  @Override
  public void stop() {
    if (!running) {
      return;
    }
    running = false;
    signal.wake();
    try {
      loop.join(STOP_WAIT.toMillis());
      workers.shutdown();
      if (!workers.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        // Their payments stay claimed until the lease ends, then are taken again: harmless.
        log.warn("charges still under way at shutdown are left to the next charger run");
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    while (running) {
      try {
        int free = slots.availablePermits();
        List<PaymentRepository.Claimed> due = free == 0 ? List.of() : payments.claimDue(free);
        for (PaymentRepository.Claimed claimed : due) {
          slots.acquire();
          workers.execute(() -> work(claimed));
        }
        if (due.isEmpty() || due.size() < free) {
          signal.await(settings.pollInterval());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("the charger could not take due payments; trying again in {}", settings.pollInterval(), e);
        sleep(settings.pollInterval());
      }
    }
  }

  /** Works one payment in a span of the trace that asked for it, so its call and its event belong there. */
  private void work(PaymentRepository.Claimed claimed) {
    Payment payment = claimed.payment();
    try {
      if (payment.status() == PaymentStatus.PENDING) {
        traces.continueTrace(claimed.traceContext(), "payment charge", () ->
            payments.completeCharge(payment, processor.charge(new ChargeRequest(payment.orderId(), payment.amount(),
                payment.currency(), payment.paymentMethod()))));
      } else if (payment.status() == PaymentStatus.REFUNDING) {
        traces.continueTrace(claimed.traceContext(), "payment refund", () ->
            payments.completeRefund(payment, processor.refund(payment.orderId(), payment.processorChargeId())));
      }
    } catch (RuntimeException e) {
      // The claim stays until its lease ends; then the payment is taken again.
      log.error("could not complete the {} of order {}; it is taken again after its lease", payment.status(),
          payment.orderId(), e);
    } finally {
      slots.release();
      signal.wake();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
