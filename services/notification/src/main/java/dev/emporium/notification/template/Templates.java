package dev.emporium.notification.template;

import static dev.emporium.notification.template.Wording.html;
import static dev.emporium.notification.template.Wording.money;

import dev.emporium.notification.contact.Contact;
import dev.emporium.notification.job.Notice;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The words of every notification, per event type: a mail (plain text and the same as simple HTML,
 * greeting the user by name), a text message and a push notification. Templates are code, not
 * files: each is a few sentences, and code keeps them type-checked against the facts they use.
 * Every value from an event is escaped in HTML.
 */
@Component
public class Templates {

  static final String SIGNATURE = "Emporium";

  public EmailContent email(Notice notice, Contact contact) {
    String order = notice.orderId();
    return switch (notice.kind()) {
      case ORDER_CREATED -> {
        List<String> lines = new ArrayList<>();
        for (Notice.Line line : notice.lines()) {
          lines.add(line.quantity() + " × " + line.name() + (line.unitPrice() == null ? "" : " at " + money(line.unitPrice())));
        }
        yield mail(contact, "We have your order " + order,
            List.of("thank you for your order " + order + ".", "Total: " + money(notice.total()),
                "We will tell you when the payment has gone through and when your parcel is on its way."),
            lines);
      }
      case PAYMENT_PROCESSED -> mail(contact, "Payment received for order " + order,
          List.of("we have received your payment of " + money(notice.total()) + " for order " + order + ".",
              "We are now getting your items ready."), List.of());
      case SHIPMENT_CREATED -> mail(contact, "Your order " + order + " is on its way",
          List.of("your order " + order + " has been handed to " + carrier(notice) + ".",
              "Tracking number: " + notice.trackingNumber()), List.of());
      case ORDER_CANCELLED -> mail(contact, "Your order " + order + " has been cancelled",
          List.of("we are sorry: your order " + order + " has been cancelled because " + Wording.reason(notice.reason()) + ".",
              Wording.refund(notice.previousStatus())), List.of());
    };
  }

  public String sms(Notice notice) {
    String order = notice.orderId();
    return SIGNATURE + ": " + switch (notice.kind()) {
      case ORDER_CREATED -> "we have your order " + order + ", total " + money(notice.total()) + ".";
      case PAYMENT_PROCESSED -> "payment of " + money(notice.total()) + " received for order " + order + ".";
      case SHIPMENT_CREATED -> "your order " + order + " is on its way with " + carrier(notice) + ". Tracking number: "
          + notice.trackingNumber();
      case ORDER_CANCELLED -> "your order " + order + " has been cancelled because " + Wording.reason(notice.reason())
          + ". " + Wording.refund(notice.previousStatus());
    };
  }

  public PushContent push(Notice notice) {
    String order = notice.orderId();
    return switch (notice.kind()) {
      case ORDER_CREATED -> new PushContent("Order received", "Order " + order + ": total " + money(notice.total()));
      case PAYMENT_PROCESSED -> new PushContent("Payment received", money(notice.total()) + " for order " + order);
      case SHIPMENT_CREATED -> new PushContent("Your order is on its way",
          "Order " + order + " with " + carrier(notice) + ", tracking number " + notice.trackingNumber());
      case ORDER_CANCELLED -> new PushContent("Order cancelled",
          "Order " + order + " was cancelled because " + Wording.reason(notice.reason()) + ".");
    };
  }

  private static String carrier(Notice notice) {
    return notice.carrier() == null ? "the carrier" : notice.carrier();
  }

  /** Greeting, paragraphs, an optional list, signature; the HTML says the same as the text. */
  private static EmailContent mail(Contact contact, String subject, List<String> paragraphs, List<String> items) {
    StringBuilder text = new StringBuilder("Hello ").append(contact.name()).append(",\n\n");
    StringBuilder rich = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family: sans-serif\">")
        .append("<p>Hello ").append(html(contact.name())).append(",</p>");
    text.append(paragraphs.getFirst()).append("\n\n");
    rich.append("<p>").append(html(paragraphs.getFirst())).append("</p>");
    if (!items.isEmpty()) {
      rich.append("<ul>");
      for (String item : items) {
        text.append("  ").append(item).append('\n');
        rich.append("<li>").append(html(item)).append("</li>");
      }
      text.append('\n');
      rich.append("</ul>");
    }
    for (String paragraph : paragraphs.subList(1, paragraphs.size())) {
      text.append(paragraph).append("\n\n");
      rich.append("<p>").append(html(paragraph)).append("</p>");
    }
    text.append(SIGNATURE).append('\n');
    rich.append("<p>").append(SIGNATURE).append("</p></body></html>");
    return new EmailContent(subject, text.toString(), rich.toString());
  }
}
