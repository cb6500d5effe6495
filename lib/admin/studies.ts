import "server-only";
import { db } from "@/lib/db/client";

/** Every study with its team and head count — who has access to what, never health data. */
export function listStudiesForAdmin() {
  return db.study.findMany({
    select: {
      id: true,
      name: true,
      metrics: true,
      startDate: true,
      endDate: true,
      createdAt: true,
      members: { select: { user: { select: { name: true, email: true } } } },
      _count: { select: { participants: { where: { leftAt: null } } } },
    },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
}
