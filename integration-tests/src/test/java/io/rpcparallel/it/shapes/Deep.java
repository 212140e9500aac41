package io.rpcparallel.it.shapes;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Deep equality for decoded values: records component by component and arrays element by
 * element (their own equals compare identity), in lists, map values and optionals too.
 */
final class Deep {
  private Deep() {}

  static boolean equal(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.getClass().isArray()) {
      if (!b.getClass().equals(a.getClass()) || Array.getLength(a) != Array.getLength(b)) {
        return false;
      }
      for (int i = 0; i < Array.getLength(a); i++) {
        if (!equal(Array.get(a, i), Array.get(b, i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Record) {
      if (!a.getClass().equals(b.getClass())) {
        return false;
      }
      for (RecordComponent c : a.getClass().getRecordComponents()) {
        if (!equal(get(c, a), get(c, b))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      return la.size() == lb.size() && iterate(la.iterator(), lb.iterator());
    }
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      // Keys by equals (as maps do), values deeply; the order of entries must survive too.
      return ma.keySet().equals(mb.keySet())
          && new ArrayList<>(ma.keySet()).equals(new ArrayList<>(mb.keySet()))
          && ma.keySet().stream().allMatch(k -> equal(ma.get(k), mb.get(k)));
    }
    if (a instanceof Optional<?> oa && b instanceof Optional<?> ob) {
      return equal(oa.orElse(null), ob.orElse(null)) && oa.isPresent() == ob.isPresent();
    }
    return Objects.equals(a, b);
  }

  private static boolean iterate(Iterator<?> a, Iterator<?> b) {
    while (a.hasNext()) {
      if (!equal(a.next(), b.next())) {
        return false;
      }
    }
    return true;
  }

  private static Object get(RecordComponent c, Object record) {
    try {
      return c.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new AssertionError(e);
    }
  }
}
