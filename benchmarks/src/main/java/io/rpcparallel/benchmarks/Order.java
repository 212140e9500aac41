package io.rpcparallel.benchmarks;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A representative record graph: an order with lines, a customer, a status, attributes and
 * nested records. Serializable only so that Java serialization can be measured too.
 */
public record Order(UUID id, Customer customer, Instant placed, Status status,
    List<Line> lines, Map<String, String> attributes, BigDecimal total, String note)
    implements Serializable {

  /** Where the order goes. */
  public record Customer(long id, String name, String email, Address address)
      implements Serializable {}

  /** A postal address. */
  public record Address(String street, String city, String postcode, String country)
      implements Serializable {}

  /** One line of the order. */
  public record Line(String sku, String description, int quantity, long unitPriceCents,
      double weightKg, boolean giftWrap) implements Serializable {}

  /** Where the order is. */
  public enum Status { PLACED, PAID, SHIPPED, DELIVERED }
}
