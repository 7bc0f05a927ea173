"""Volume type encryption through the SDK (admin): create, get, update, a volume of the encrypted type, delete."""

from blockstore_sdk import arguments, connect, emit, error

api_url, project = arguments()
storage = connect(api_url, project).block_storage
result = {}


def view(encryption):
    return {key: encryption[key] for key in ("encryption_id", "provider", "cipher", "key_size", "control_location")}


volume_type = storage.create_type(name=f"sdk-encrypted-{project[:8]}")
created = storage.create_type_encryption(volume_type, provider="luks", cipher="aes-xts-plain64", key_size=256, control_location="front-end")
result["created"] = view(created)
result["fetched"] = view(storage.get_type_encryption(volume_type.id))
storage.update_type_encryption(encryption=storage.get_type_encryption(volume_type.id), key_size=512, control_location="back-end")
result["updated"] = view(storage.get_type_encryption(volume_type.id))
result["duplicate"] = error(lambda: storage.create_type_encryption(volume_type, provider="plain", control_location="front-end"))
result["volume"] = error(lambda: storage.create_volume(size=1, volume_type=volume_type.id))
result["volumes"] = [volume.id for volume in storage.volumes()]
storage.delete_type_encryption(encryption=storage.get_type_encryption(volume_type.id), ignore_missing=False)
# Cinder answers an unencrypted type's encryption with {}: the SDK sees a resource without an encryption_id.
result["after_delete"] = storage.get_type_encryption(volume_type.id).encryption_id
emit(result)
