//! What the device keeps across resets, in NVS (ESP-IDF's on-flash format, so ESP-IDF tools can read it):
//! the endpoint cache — the host's record, TTL and invalidation rules (kvs_core::cache) — and, only when the
//! provisioning line asks for it, the Wi-Fi settings. AWS credentials are never written.

use alloc::format;
use alloc::string::String;
use embedded_storage::nor_flash::{ErrorType, NorFlash, ReadNorFlash};
use esp_bootloader_esp_idf::partitions::{self, DataPartitionSubType, PartitionType};
use esp_nvs::Key;
use esp_storage::FlashStorage;
use kvs_core::cache::EndpointCacheEntry;
use kvs_core::names::Role;

/// The namespaces and keys, in the ESP port's scheme: `v2` + M/V + CRC32 of "channel|region".
const CACHE: Key = Key::from_str("kvs_signaling");
const WIFI: Key = Key::from_str("kvs_wifi");
const WIFI_SSID: Key = Key::from_str("ssid");
const WIFI_PASSWORD: Key = Key::from_str("password");

/// The flash, with the CRC esp-nvs checks its entries with.
pub struct Flash(FlashStorage<'static>);

impl ErrorType for Flash {
    type Error = esp_storage::FlashStorageError;
}

impl ReadNorFlash for Flash {
    const READ_SIZE: usize = <FlashStorage<'static> as ReadNorFlash>::READ_SIZE;

    fn read(&mut self, offset: u32, bytes: &mut [u8]) -> Result<(), Self::Error> {
        ReadNorFlash::read(&mut self.0, offset, bytes)
    }

    fn capacity(&self) -> usize {
        ReadNorFlash::capacity(&self.0)
    }
}

impl NorFlash for Flash {
    const WRITE_SIZE: usize = <FlashStorage<'static> as NorFlash>::WRITE_SIZE;
    const ERASE_SIZE: usize = <FlashStorage<'static> as NorFlash>::ERASE_SIZE;

    fn write(&mut self, offset: u32, bytes: &[u8]) -> Result<(), Self::Error> {
        NorFlash::write(&mut self.0, offset, bytes)
    }

    fn erase(&mut self, from: u32, to: u32) -> Result<(), Self::Error> {
        NorFlash::erase(&mut self.0, from, to)
    }
}

impl esp_nvs::platform::Crc for Flash {
    fn crc32(init: u32, data: &[u8]) -> u32 {
        esp_nvs::platform::software_crc32(init, data)
    }
}

pub struct Store {
    nvs: esp_nvs::Nvs<Flash>,
}

impl Store {
    /// Opens the partition table's NVS partition.
    pub fn open(flash: esp_hal::peripherals::FLASH<'static>) -> Result<Store, String> {
        let mut storage = FlashStorage::new(flash);
        let mut table = [0u8; partitions::PARTITION_TABLE_MAX_LEN];
        let nvs = partitions::read_partition_table(&mut storage, &mut table)
            .map_err(|e| format!("cannot read the partition table: {e:?}"))?
            .find_partition(PartitionType::Data(DataPartitionSubType::Nvs))
            .map_err(|e| format!("cannot read the partition table: {e:?}"))?
            .ok_or_else(|| String::from("the partition table has no NVS partition"))?;
        let (offset, len) = (nvs.offset() as usize, nvs.len() as usize);
        let nvs = esp_nvs::Nvs::new(offset, len, Flash(storage)).map_err(|e| format!("cannot open NVS: {e:?}"))?;
        Ok(Store { nvs })
    }

    /// The cached endpoints for a channel, if they are still fresh at `now` (Unix seconds).
    pub fn endpoints(
        &mut self,
        channel: &str,
        region: &str,
        role: Role,
        control_plane: &str,
        now: u64,
    ) -> Option<EndpointCacheEntry> {
        let text: String = self.nvs.get(&CACHE, &cache_key(channel, region, role)).ok()?;
        let entry: EndpointCacheEntry = serde_json::from_str(&text).ok()?;
        (entry.matches(channel, region, role, control_plane) && entry.is_fresh(now)).then_some(entry)
    }

    pub fn remember(&mut self, entry: &EndpointCacheEntry) -> Result<(), String> {
        let text = serde_json::to_string(entry).map_err(|e| format!("cannot encode the cache entry: {e}"))?;
        let key = cache_key(&entry.channel, &entry.region, entry.role);
        self.nvs.set(&CACHE, &key, text.as_str()).map_err(|e| format!("cannot write the endpoint cache: {e:?}"))
    }

    /// Drops a channel's entries for both roles (a 404 about it means the endpoints are gone).
    pub fn forget(&mut self, channel: &str, region: &str) {
        for role in [Role::Master, Role::Viewer] {
            let _ = self.nvs.delete(&CACHE, &cache_key(channel, region, role));
        }
    }

    /// The SSID of the kept Wi-Fi settings, if any.
    pub fn kept_wifi(&mut self) -> Option<String> {
        self.nvs.get(&WIFI, &WIFI_SSID).ok()
    }

    /// Erases Wi-Fi settings an older firmware kept (in plain text).
    pub fn forget_wifi(&mut self) {
        let _ = self.nvs.delete(&WIFI, &WIFI_SSID);
        let _ = self.nvs.delete(&WIFI, &WIFI_PASSWORD);
    }
}

fn cache_key(channel: &str, region: &str, role: Role) -> Key {
    let letter = if role == Role::Master { 'M' } else { 'V' };
    let hash = esp_nvs::platform::software_crc32(0, format!("{channel}|{region}").as_bytes());
    Key::from_str(&format!("v2{letter}{hash:08x}"))
}
