"""Volume types through the SDK (admin): create with extra specs, change and remove specs, update, list, find,
private types and their project access, a volume of the type, delete."""

import sys

from blockstore_sdk import arguments, connect, emit, error

api_url, project = arguments()
# Type names are global; the project id keeps this run's names apart from other tests'.
public_name, private_name, member = f"sdk-gold-{project[:8]}", f"sdk-private-{project[:8]}", sys.argv[3]
storage = connect(api_url, project).block_storage
result = {}


def view(volume_type):
    return {key: volume_type[key] for key in ("id", "name", "description", "is_public", "extra_specs")}


gold = storage.create_type(name=public_name, description="fast", extra_specs={"volume_backend_name": "file"})
result["created"] = view(gold)
result["specs_set"] = dict(storage.update_type_extra_specs(gold, tier="1", replication="off").extra_specs)
storage.delete_type_extra_specs(gold, ["replication"])
result["updated"] = view(storage.update_type(gold, description="faster"))
result["fetched"] = view(storage.get_type(gold.id))
result["found"] = view(storage.find_type(public_name))
result["duplicate"] = error(lambda: storage.create_type(name=public_name))

private = storage.create_type(name=private_name, is_public=False)
result["private"] = view(private)
storage.add_type_access(private, member)
result["access"] = [dict(entry) for entry in storage.get_type_access(private)]
# types() sends no is_public: the public types, and the private ones shared with the caller's project.
result["listed_default"] = sorted(found.name for found in storage.types())
# is_public=None asks for every type, public or not, as the CLIs' type lists do; the SDK drops a None query value,
# so it has to be the string.
result["listed_all"] = sorted(found.name for found in storage.types(is_public="None"))
result["listed_private"] = sorted(found.name for found in storage.types(is_public=False))
storage.add_type_access(private, project)
result["listed_default_shared"] = sorted(found.name for found in storage.types())
storage.remove_type_access(private, project)
storage.remove_type_access(private, member)
result["access_removed"] = [dict(entry) for entry in storage.get_type_access(private)]

volume = storage.create_volume(size=1, name="sdk-typed", volume_type=public_name)
result["volume_type"] = volume.volume_type
result["unknown_type"] = error(lambda: storage.create_volume(size=1, volume_type=f"sdk-none-{project[:8]}"))

storage.delete_type(private)
result["get_deleted"] = error(lambda: storage.get_type(private.id))
result["find_deleted"] = storage.find_type(private_name)
emit(result)
