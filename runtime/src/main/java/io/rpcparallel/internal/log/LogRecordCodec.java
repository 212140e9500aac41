package io.rpcparallel.internal.log;

import io.rpcparallel.Codec;
import io.rpcparallel.LogRecord;
import io.rpcparallel.WireFormatException;
import io.rpcparallel.WireInput;
import io.rpcparallel.WireOutput;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.event.Level;

/** The wire form of a {@link LogRecord} on the log stream. */
public final class LogRecordCodec implements Codec<LogRecord> {
  public static final LogRecordCodec INSTANCE = new LogRecordCodec();

  private LogRecordCodec() {}

  @Override
  public void encode(WireOutput out, LogRecord r) {
    out.writeLong(r.time().getEpochSecond());
    out.writeInt(r.time().getNano());
    out.writeInt(r.level().toInt());
    out.writeString(r.logger());
    out.writeString(r.thread());
    out.writeString(r.message());
    if (out.writeNotNull(r.throwable().orElse(null))) {
      out.writeString(r.throwable().get());
    }
    out.writeLength(r.mdc().size());
    r.mdc().forEach((k, v) -> {
      out.writeString(k);
      out.writeString(v);
    });
  }

  @Override
  public LogRecord decode(WireInput in) {
    long seconds = in.readLong();
    int nanos = in.readInt();
    Instant time;
    try {
      time = Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException | ArithmeticException e) {
      throw new WireFormatException("bad log record time: " + e.getMessage());
    }
    int level = in.readInt();
    Level l;
    try {
      l = Level.intToLevel(level);
    } catch (IllegalArgumentException e) {
      throw new WireFormatException("unknown log level " + level);
    }
    String logger = in.readString();
    String thread = in.readString();
    String message = in.readString();
    Optional<String> throwable = in.readNotNull() ? Optional.of(in.readString()) : Optional.empty();
    int entries = in.readLength(2);
    Map<String, String> mdc = new HashMap<>();
    for (int i = 0; i < entries; i++) {
      String key = in.readString();
      mdc.put(key, in.readString());
    }
    return new LogRecord(time, l, logger, thread, message, throwable, mdc);
  }
}
