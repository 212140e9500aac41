package demo;

import io.rpcparallel.Codec;
import io.rpcparallel.Codecs;
import io.rpcparallel.WireFormatException;
import io.rpcparallel.WireInput;
import io.rpcparallel.WireOutput;
import io.rpcparallel.Worker;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * The wire codecs of the types {@link Library} workers exchange.
 */
@Generated("io.rpcparallel.processor.RpcParallelProcessor")
public final class LibraryCodecs {
  /**
   * {@link Book}, component by component.
   */
  public static final Codec<Book> BOOK = new Codec<Book>() {
    @Override
    public void encode(WireOutput out, Book value) {
      if (out.writeNotNull(value)) {
        Codecs.STRING.encode(out, value.title());
        SET_OF_STRING.encode(out, value.authors());
      }
    }

    @Override
    public Book decode(WireInput in) {
      if (!in.readNotNull()) {
        return null;
      }
      return new Book(
          Codecs.STRING.decode(in),
          SET_OF_STRING.decode(in));
    }
  };

  /**
   * {@link Item}, as the index of its subtype, then the value.
   */
  public static final Codec<Item> ITEM = new Codec<Item>() {
    @Override
    public void encode(WireOutput out, Item value) {
      if (out.writeNotNull(value)) {
        if (value instanceof Book) {
          out.writeLength(0);
          BOOK.encode(out, (Book) value);
        } else if (value instanceof Item.Magazine) {
          out.writeLength(1);
          MAGAZINE.encode(out, (Item.Magazine) value);
        } else if (value instanceof Item.Kind) {
          out.writeLength(2);
          KIND.encode(out, (Item.Kind) value);
        } else {
          throw new IllegalArgumentException("not a permitted subtype of demo.Item: " + value.getClass());
        }
      }
    }

    @Override
    public Item decode(WireInput in) {
      if (!in.readNotNull()) {
        return null;
      }
      int tag = in.readLength(0);
      switch (tag) {
        case 0:
          return BOOK.decode(in);
        case 1:
          return MAGAZINE.decode(in);
        case 2:
          return KIND.decode(in);
        default:
          throw new WireFormatException("unknown subtype tag for demo.Item: " + tag);
      }
    }
  };

  /**
   * {@link Item.Kind}, by ordinal.
   */
  public static final Codec<Item.Kind> KIND = Codecs.enumOf(Item.Kind.values());

  /**
   * {@link Item.Magazine}, component by component.
   */
  public static final Codec<Item.Magazine> MAGAZINE = new Codec<Item.Magazine>() {
    @Override
    public void encode(WireOutput out, Item.Magazine value) {
      if (out.writeNotNull(value)) {
        Codecs.STRING.encode(out, value.title());
        out.writeInt(value.issue());
      }
    }

    @Override
    public Item.Magazine decode(WireInput in) {
      if (!in.readNotNull()) {
        return null;
      }
      return new Item.Magazine(
          Codecs.STRING.decode(in),
          in.readInt());
    }
  };

  /**
   * {@code Pair<String, Long>}, component by component.
   */
  public static final Codec<Pair<String, Long>> PAIR_OF_STRING_LONG = new Codec<Pair<String, Long>>() {
    @Override
    public void encode(WireOutput out, Pair<String, Long> value) {
      if (out.writeNotNull(value)) {
        Codecs.STRING.encode(out, value.first());
        Codecs.LONG.encode(out, value.second());
      }
    }

    @Override
    public Pair<String, Long> decode(WireInput in) {
      if (!in.readNotNull()) {
        return null;
      }
      return new Pair<String, Long>(
          Codecs.STRING.decode(in),
          Codecs.LONG.decode(in));
    }
  };

  /**
   * {@link Shelf}, component by component.
   */
  public static final Codec<Shelf> SHELF = new Codec<Shelf>() {
    @Override
    public void encode(WireOutput out, Shelf value) {
      if (out.writeNotNull(value)) {
        out.enterNested("demo.Shelf");
        Codecs.STRING.encode(out, value.label());
        LIST_OF_ITEM.encode(out, value.items());
        PAIR_OF_STRING_LONG.encode(out, value.tag());
        SHELF.encode(out, value.next());
        Codecs.CHARS.encode(out, value.code());
        out.exitNested();
      }
    }

    @Override
    public Shelf decode(WireInput in) {
      if (!in.readNotNull()) {
        return null;
      }
      in.enterNested("demo.Shelf");
      Shelf value = new Shelf(
          Codecs.STRING.decode(in),
          LIST_OF_ITEM.decode(in),
          PAIR_OF_STRING_LONG.decode(in),
          SHELF.decode(in),
          Codecs.CHARS.decode(in));
      in.exitNested();
      return value;
    }
  };

  /**
   * {@code Book[]}.
   */
  public static final Codec<Book[]> BOOK_ARRAY = Codecs.array(BOOK, Book[]::new);

  /**
   * {@code Isbn with IsbnCodec}.
   */
  public static final Codec<Isbn> ISBN = new IsbnCodec();

  /**
   * {@code Money with Money.Codec}.
   */
  public static final Codec<Money> MONEY = Money.Codec.INSTANCE;

  /**
   * {@code Worker<Library>}.
   */
  public static final Codec<Worker<Library>> WORKER_OF_LIBRARY = Codecs.worker("demo.Library");

  /**
   * {@code List<Item>}.
   */
  public static final Codec<List<Item>> LIST_OF_ITEM = Codecs.list(ITEM);

  /**
   * {@code Optional<Instant>}.
   */
  public static final Codec<Optional<Instant>> OPTIONAL_OF_INSTANT = Codecs.optional(Codecs.INSTANT);

  /**
   * {@code Set<String>}.
   */
  public static final Codec<Set<String>> SET_OF_STRING = Codecs.set(Codecs.STRING);

  /**
   * {@code Set<UUID>}.
   */
  public static final Codec<Set<UUID>> SET_OF_UUID = Codecs.set(Codecs.UUID);

  /**
   * {@code SortedSet<String>}.
   */
  public static final Codec<SortedSet<String>> SORTED_SET_OF_STRING = Codecs.sortedSet(Codecs.STRING);

  /**
   * {@code long[][]}.
   */
  public static final Codec<long[][]> LONG_ARRAY_ARRAY = Codecs.array(Codecs.LONGS, long[][]::new);

  /**
   * {@code SortedMap<String, Set<UUID>>}.
   */
  public static final Codec<SortedMap<String, Set<UUID>>> SORTED_MAP_OF_STRING_TO_SET_OF_UUID = Codecs.sortedMap(Codecs.STRING,
      SET_OF_UUID);

  private LibraryCodecs() {
  }
}
